"""The official layout as one grid: cells, line breaking, fonts, pages. Below every writer."""
