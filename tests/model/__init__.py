"""Tests of the domain model (no Qt)."""
