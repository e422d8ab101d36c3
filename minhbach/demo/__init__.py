"""Demo data: a fictitious province with staff, categories and a year of items, loaded through the real services."""
