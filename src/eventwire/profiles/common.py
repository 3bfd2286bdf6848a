"""What the profiles share: event rows with their article, actors and place; places looked up in
the gazetteer (admin divisions, GeoNames ids); dates as days; outlets of an event or incident."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from eventwire import queries, refdata

EVENT_SQL = (
    "SELECT e.*, a.url AS article_url, a.source AS article_source, a.published AS article_published,"
    " a.title AS article_title, a.ingested_at AS article_ingested_at, a.lang AS article_lang,"
    " instr(a.text, char(10)) AS lead_end,"
    " ac.country AS actor_country, ac.sector AS actor_sector, ac.kind AS actor_kind,"
    " rc.country AS recipient_country, rc.sector AS recipient_sector, rc.kind AS recipient_kind,"
    " p.gazetteer_id AS place_gazetteer_id, p.kind AS place_kind, p.text AS place_text"
    " FROM events e JOIN articles a ON a.id = e.article_id"
    " LEFT JOIN actors ac ON ac.id = e.actor_id LEFT JOIN actors rc ON rc.id = e.recipient_id"
    " LEFT JOIN places p ON p.article_id = e.article_id AND p.start_char = e.place_start"
    " AND p.end_char = e.place_end"
)
CHUNK = 400
_ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
_TIME_PRECISION = {"day": 1, "time": 1, "week": 2, "month": 3}


def event_rows(conn: sqlite3.Connection, include_all: bool = False) -> Iterator[dict[str, Any]]:
    """Every event (asserted ones unless ``include_all``) with its article, actors and place, by date."""
    where = "" if include_all else " WHERE e.asserted = 1"
    cursor = conn.execute(EVENT_SQL + where + " ORDER BY e.date_start, e.date_last, e.id")
    names = [d[0] for d in cursor.description]
    for values in cursor:
        yield dict(zip(names, values, strict=True))


def incident_groups(conn: sqlite3.Connection) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(incident row, its member event rows) for every incident, by date then id."""
    ids = [r[0] for r in conn.execute("SELECT id FROM incidents ORDER BY date_start, date_last, id")]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start: start + CHUNK]
        marks = ",".join("?" * len(chunk))
        cursor = conn.execute(f"SELECT * FROM incidents WHERE id IN ({marks})", chunk)
        names = [d[0] for d in cursor.description]
        incidents = {row[0]: dict(zip(names, row, strict=True)) for row in cursor}
        members: dict[str, list[dict[str, Any]]] = {key: [] for key in chunk}
        cursor = conn.execute(EVENT_SQL + f" WHERE e.incident_id IN ({marks}) ORDER BY e.id", chunk)
        names = [d[0] for d in cursor.description]
        for values in cursor:
            row = dict(zip(names, values, strict=True))
            members[row["incident_id"]].append(row)
        for key in chunk:
            if members[key]:
                yield incidents[key], members[key]


def stable_number(key: str) -> int:
    """A stable positive number from a hex id (its first 48 bits)."""
    try:
        return int(key[:12], 16)
    except ValueError:
        from eventwire.model import content_hash

        return int(content_hash(key, length=12), 16)


def most_common(values: Iterable[Any]) -> Any:
    counted = Counter(v for v in values if v not in (None, ""))
    if not counted:
        return None
    return min(counted, key=lambda v: (-counted[v], str(v)))


# -- dates -----------------------------------------------------------------------------------------

def event_day(value: str | None, precision: str | None) -> tuple[str | None, int | None]:
    """A day standing for an event's date and ACLED's time_precision: the day itself (1); the middle
    of a week, Wednesday, or the Saturday of a weekend (2); the 15th of a month (3). Nothing vaguer."""
    code = _TIME_PRECISION.get(precision or "")
    if not value or code is None:
        return None, None
    try:
        if code == 1:
            return date.fromisoformat(value[:10]).isoformat(), 1
        if code == 2 and (week := _ISO_WEEK.fullmatch(value)):
            weekday = 6 if week.group(3) else 3
            return date.fromisocalendar(int(week.group(1)), int(week.group(2)), weekday).isoformat(), 2
        if code == 3:
            return date(int(value[:4]), int(value[5:7]), 15).isoformat(), 3
    except ValueError:
        pass
    return None, None


def parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            return datetime.fromisoformat(value[:10])
        except ValueError:
            return None


# -- places ----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class GeoDetail:
    geonames_id: int | None
    kind: str | None
    admin1: str | None
    admin2: str | None


@cache
def _gazetteer() -> Any:
    from eventwire.extract import gazetteer

    return gazetteer.load()


def geo_detail(gazetteer_id: str | None, kind: str | None, name: str | None) -> GeoDetail:
    """The GeoNames id and the admin divisions a resolved place lies in (from the gazetteer)."""
    if not gazetteer_id:
        return GeoDetail(None, kind, None, None)
    gid = int(gazetteer_id.split(":", 1)[1]) if gazetteer_id.startswith("geonames:") else None
    entry = _gazetteer().get(gazetteer_id) if gid is not None else None
    if entry is None:
        return GeoDetail(gid, kind, None, None)
    admin1 = admin2 = None
    if entry.kind == "admin1":
        admin1 = entry.name
    elif entry.kind == "admin2":
        admin2 = entry.name
    if entry.admin1 and entry.kind != "admin1":
        parent = _gazetteer().get(entry.admin1)
        admin1 = parent.name if parent is not None else None
    return GeoDetail(gid, entry.kind or kind, admin1, admin2)


def country_name(iso3: str | None) -> str | None:
    found = refdata.country(iso3)
    return found.name if found else None


# -- outlets ---------------------------------------------------------------------------------------

def incident_outlets(conn: sqlite3.Connection, incident_id: str) -> list[dict[str, Any]]:
    return queries.incident_outlets(conn, incident_id)


def article_outlets(conn: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    return queries.article_outlets(conn, article_id)


def outlet_names(outlets: Iterable[dict[str, Any]]) -> list[str]:
    """Distinct outlet names (else hosts), in the order given."""
    names: dict[str, str] = {}
    for o in outlets:
        key = queries.source_key(o.get("source"), o.get("url"), o["article_id"])
        if key.startswith("article:"):
            continue
        names.setdefault(key, o.get("source") or key)
    return list(names.values())


def spans(row: dict[str, Any]) -> list[dict[str, Any]]:
    return list(json.loads(row.get("evidence_spans") or "[]"))
