"""Published PDFs: ruled tables and the text around them read into cell grids."""
