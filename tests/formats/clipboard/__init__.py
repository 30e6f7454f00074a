"""Tests of the clipboard formats."""
