"""Tests of the self-evaluation scoring engine (no Qt)."""
