"""绩效自评表 read from cell grids (workbooks, Word, PDF) over the shared table engine."""
