"""The web UI and JSON API (``eventwire serve``): read-only, offline, every text escaped."""
