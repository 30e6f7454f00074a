"""Tests of the shared table reader, through workbooks."""
