"""The clipboard: indicator rows as TSV, a whole table as HTML and TSV."""
