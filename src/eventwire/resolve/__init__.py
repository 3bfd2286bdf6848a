"""Across articles: near-duplicate articles (dedup) and incidents (incidents.resolve)."""
