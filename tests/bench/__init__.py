"""Generated documents for measuring export at scale."""
