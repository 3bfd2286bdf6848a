"""Data files the extraction rules read (see each file's header)."""
