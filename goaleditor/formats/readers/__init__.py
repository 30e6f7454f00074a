"""Readers: one subpackage per container family over the shared table reader (tables/)."""
