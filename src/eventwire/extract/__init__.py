"""Extraction stages: pure functions over a parsed document and a :class:`Context`."""
