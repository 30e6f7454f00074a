"""Tests of the workbook containers: what a file named .xls, .xlsx or .ods really holds."""
