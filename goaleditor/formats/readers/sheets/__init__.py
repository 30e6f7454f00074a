"""Workbook containers (.xlsx/.xlsm, .xls, .ods) read into cell grids for the table reader."""
