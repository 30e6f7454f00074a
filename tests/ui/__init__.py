"""Tests of the Qt editor (pytest-qt)."""
