"""Statutory rules as data, the working-day calendar and pure deadline functions."""
