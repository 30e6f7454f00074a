"""Word documents (.docx): tables and tab-separated paragraphs read into cell grids."""
