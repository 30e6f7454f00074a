"""The shared table reader: cell grids → goal tables (labels, columns, money, indicator rows)."""
