"""Tests of the Word reader."""
