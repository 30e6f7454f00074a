"""The indicator library at a bureau's scale (DESIGN §5.3): entries, harvest, exchange, search."""
