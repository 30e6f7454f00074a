"""Tests of the layout grid."""
