"""Tests of file safety: atomic writes, locks, faults."""
