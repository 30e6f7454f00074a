"""The domain model and its storage; no Qt here."""
