"""The POLECAT profile: one nested record per event, as POLECAT codes a story's events.

Each record carries the PLOVER event (type, mode, contexts, quad code, intensity), a nested
``actor`` and ``recipient`` (name as canonical and as written, country, sector list, primary
sector, title), a ``location`` (place name as resolved and as written, admin divisions, country,
coordinates, GeoNames id, feature type) and the ``story`` it came from (id, headline, publisher,
publication date, URL, language, the event sentence, and the people, organizations and places
named in it). Empty by design: POLECAT's Wikipedia/Wikidata actor ids and COW country codes
(eventwire links actors to no knowledge base) and story ``feed``. eventwire's own fields
(modality flags, casualties, confidence, evidence spans) follow under ``eventwire``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from eventwire import __version__
from eventwire.profiles import common

COLUMNS = ("event_id", "event_date", "event_date_precision", "event_type", "event_mode", "event_intensity",
           "quad_code", "contexts", "actor", "recipient", "location", "story", "version", "eventwire")
INT_COLUMNS: frozenset[str] = frozenset()
FLOAT_COLUMNS = frozenset({"event_intensity"})
NESTED = frozenset({"event_mode", "contexts", "actor", "recipient", "location", "story", "eventwire"})
VERSION = f"eventwire-{__version__}"


def rows(conn: sqlite3.Connection, include_all: bool = False) -> Iterator[dict[str, Any]]:
    names = _StoryNames(conn)
    for row in common.event_rows(conn, include_all):
        yield shape(row, names.of(row["article_id"]))


def shape(row: dict[str, Any], story_names: dict[str, list[str]]) -> dict[str, Any]:
    geo = common.geo_detail(row["place_gazetteer_id"], row["place_kind"], row["place"])
    return {
        "event_id": row["id"],
        "event_date": row["date"],
        "event_date_precision": row["date_precision"],
        "event_type": row["type"],
        "event_mode": [row["mode"]] if row["mode"] else [],
        "event_intensity": row["plover_score"],
        "quad_code": row["plover_quad"],
        "contexts": json.loads(row["contexts"] or "[]"),
        "actor": _party(row, "actor"),
        "recipient": _party(row, "recipient"),
        "location": {
            "placename": row["place"], "placename_raw": row["place_text"], "feature_type": geo.kind,
            "city": row["place"] if geo.kind == "city" else None, "district": geo.admin2, "province": geo.admin1,
            "country": row["country"], "latitude": row["latitude"], "longitude": row["longitude"],
            "geonames_id": geo.geonames_id, "geo_precision": row["geo_precision"],
        },
        "story": {
            "story_id": row["article_id"], "headline": row["article_title"], "publisher": row["article_source"],
            "publication_date": row["article_published"], "url": row["article_url"], "language": row["article_lang"],
            "feed": None, "event_text": row["evidence"], **story_names,
        },
        "version": VERSION,
        "eventwire": {
            "asserted": bool(row["asserted"]),
            **{flag: bool(row[flag]) for flag in ("negated", "hypothetical", "future", "historical", "aggregate")},
            "reported_by": row["reported_by"], "confidence": row["confidence"], "trigger": row["trigger"],
            "date_source": row["date_source"], "date_end": row["date_end"],
            "fatalities": _count(row, "fatalities"), "injured": _count(row, "injured"),
            "cameo_root": row["cameo_root"], "acled_event_type": row["acled_event_type"],
            "acled_sub_event_type": row["acled_sub_event_type"], "incident_id": row["incident_id"],
            "evidence": common.spans(row),
        },
    }


def _party(row: dict[str, Any], role: str) -> dict[str, Any] | None:
    name, text = row[role], row[f"{role}_text"]
    if not name and not text:
        return None
    sector = row[f"{role}_sector"]
    return {"name": name or text, "name_raw": text, "entity_type": row[f"{role}_kind"],
            "country": row[f"{role}_country"], "sectors": [sector] if sector else [], "primary_sector": sector,
            "actor_id": row[f"{role}_id"], "wikipedia_id": None, "cow_code": None}


def _count(row: dict[str, Any], name: str) -> dict[str, Any] | None:
    values = {k: row[f"{name}_{k}"] for k in ("low", "best", "high", "text")}
    return values if any(v is not None for v in values.values()) else None


class _StoryNames:
    """The people, organizations and places an article names (POLECAT's story_* fields), read once each."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.cache: dict[str, dict[str, list[str]]] = {}

    def of(self, article_id: str) -> dict[str, list[str]]:
        found = self.cache.get(article_id)
        if found is None:
            people: list[str] = []
            organizations: list[str] = []
            for name, kind in self.conn.execute(
                "SELECT ac.name, ac.kind FROM article_actors aa JOIN actors ac ON ac.id = aa.actor_id"
                " WHERE aa.article_id = ? ORDER BY ac.name", (article_id,),
            ):
                (people if kind == "person" else organizations).append(name)
            places = sorted({r[0] for r in self.conn.execute(
                "SELECT COALESCE(name, text) FROM places WHERE article_id = ?", (article_id,)) if r[0]})
            found = {"people": people, "organizations": organizations, "locations": places}
            if len(self.cache) > 1000:
                self.cache.clear()
            self.cache[article_id] = found
        return found
