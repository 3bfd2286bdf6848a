"""Datasette metadata for an eventwire database: internal tables hidden, tables and columns described.

``eventwire datasette-metadata --db FILE > metadata.json`` then ``datasette FILE -m metadata.json``.
Datasette keys metadata by the database's name (the file name without its suffix), so the file is
written for a given database; ``data/datasette-metadata.json`` is the one for ``eventwire.db``.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

# Rollups, counters and resolver helpers the web UI and resolve keep; not data to browse.
INTERNAL_TABLES = ("event_stats", "actor_stats", "actor_counts", "place_stats", "table_counts", "date_spans",
                   "incident_index", "incident_reports", "events_fts")


def metadata(db: str | Path = "eventwire.db") -> dict[str, Any]:
    """Datasette metadata for the database file ``db``."""
    base = json.loads(resources.files("eventwire").joinpath("data", "datasette-metadata.json").read_text("utf-8"))
    name = Path(db).stem
    base["databases"] = {name: base["databases"]["eventwire"]}
    return base


def metadata_json(db: str | Path = "eventwire.db") -> str:
    return json.dumps(metadata(db), indent=2, ensure_ascii=False) + "\n"
