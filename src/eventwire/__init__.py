"""eventwire: news articles in, auditable event data out."""

__version__ = "0.1.0"
