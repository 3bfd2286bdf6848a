"""Exports: profiles shape events for the tools researchers already use; formats write them.

Profiles: native (every field), acled (ACLED's column names), plover (POLECAT-style), gdelt
(GDELT 2.0 event columns), incidents (one row per real-world event across articles).
Formats: csv, jsonl, parquet. Rows stream from the database; only asserted events are exported
unless ``include_all`` is set (then the modality flags tell them apart).
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from eventwire.csvsafe import write_csv
from eventwire.queries import count_sources, has_copies_table

PROFILES = ("native", "acled", "plover", "gdelt", "incidents")
FORMATS = ("csv", "jsonl", "parquet")

_BASE_SQL = (
    "SELECT e.*, a.url AS article_url, a.source AS article_source, a.published AS article_published,"
    " a.title AS article_title,"
    " ac.country AS actor_country, ac.sector AS actor_sector, ac.kind AS actor_kind,"
    " rc.country AS recipient_country, rc.sector AS recipient_sector, rc.kind AS recipient_kind"
    " FROM events e JOIN articles a ON a.id = e.article_id"
    " LEFT JOIN actors ac ON ac.id = e.actor_id LEFT JOIN actors rc ON rc.id = e.recipient_id"
)

# GDELT counts every outlet that carried the event's article: the article plus its copies.
_GDELT_COPIES = (", (SELECT json_group_array(json_array(c.source, c.url)) FROM article_copies c"
                 " WHERE c.article_id = e.article_id) AS article_copies")

NATIVE_EXTRA = ("article_url", "article_source", "article_published", "article_title",
                "actor_country", "actor_sector", "recipient_country", "recipient_sector")

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "inter1", "actor2", "inter2", "iso3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_url", "notes", "fatalities",
)

PLOVER_COLUMNS = (
    "event_id", "story_date", "event_date", "event_date_precision", "event_type", "event_mode",
    "event_context", "quad_code", "conflict_cooperation_score", "cameo_root",
    "actor_name", "actor_country", "actor_sector", "recipient_name", "recipient_country", "recipient_sector",
    "placename", "country", "latitude", "longitude", "geo_precision",
    "fatalities_low", "fatalities_best", "fatalities_high", "injured_low", "injured_best", "injured_high",
    "asserted", "negated", "hypothetical", "future", "historical", "aggregate", "reported_by",
    "confidence", "evidence", "source_url",
)

GDELT_COLUMNS = (
    "GlobalEventID", "SQLDATE", "Actor1Name", "Actor1CountryCode", "Actor2Name", "Actor2CountryCode",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "ActionGeo_FullName", "ActionGeo_CountryCode",
    "ActionGeo_Lat", "ActionGeo_Long", "DATEADDED", "SOURCEURL",
)

# ACLED interaction codes by PLOVER sector (1 state forces, 2 rebels, 5 rioters, 6 protesters, 7 civilians).
_ACLED_INTER = {"GOV": 1, "MIL": 1, "COP": 1, "SPY": 1, "REB": 2, "INS": 2, "CVL": 7, "JRN": 7, "BUS": 7}
_TIME_PRECISION = {"day": 1, "time": 1, "week": 2, "month": 3}
_ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
_QUAD_CLASS = {"verbal cooperation": 1, "material cooperation": 2, "verbal conflict": 3, "material conflict": 4}


class ExportError(ValueError):
    pass


def _acled(row: dict[str, Any]) -> dict[str, Any] | None:
    if not row["acled_event_type"]:
        return None
    low, best = row["fatalities_low"], row["fatalities_best"]
    event_date, time_precision = acled_date(row["date"], row["date_precision"])
    return {
        "event_id_cnty": row["id"],
        "event_date": event_date,
        "year": int(event_date[:4]) if event_date else None,
        "time_precision": time_precision,
        "event_type": row["acled_event_type"],
        "sub_event_type": row["acled_sub_event_type"],
        "actor1": row["actor"] or row["actor_text"],
        "inter1": _ACLED_INTER.get(row["actor_sector"] or ""),
        "actor2": row["recipient"] or _victims_text(row),
        "inter2": _ACLED_INTER.get(row["recipient_sector"] or ""),
        "iso3": row["country"],
        "location": row["place"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "geo_precision": row["geo_precision"],
        "source": row["article_source"],
        "source_url": row["article_url"],
        "notes": row["evidence"],
        "fatalities": low if low is not None else best,  # ACLED codes the lowest reported figure
    }


def _victims_text(row: dict[str, Any]) -> str | None:
    """An unresolved recipient is an ACLED actor only as the people killed or hurt ("five people");
    otherwise it is what was hit or seized ("a dock", "an oil tanker"), which ACLED does not list."""
    hurt = row["fatalities_best"] or row["fatalities_low"] or row["injured_best"] or row["injured_low"]
    return row["recipient_text"] if hurt else None


def acled_date(value: str | None, precision: str | None) -> tuple[str | None, int | None]:
    """An ACLED event_date (a day) and time_precision: the day itself (1); the middle of a week,
    Wednesday, or the Saturday of a weekend (2); the 15th of a month (3). ACLED codes nothing
    vaguer, so a year or a season gives no date."""
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


def _plover(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "event_id": row["id"],
        "story_date": row["article_published"],
        "event_date": row["date"],
        "event_date_precision": row["date_precision"],
        "event_type": row["type"],
        "event_mode": row["mode"],
        "event_context": ";".join(json.loads(row["contexts"] or "[]")),
        "quad_code": row["plover_quad"],
        "conflict_cooperation_score": row["plover_score"],
        "cameo_root": row["cameo_root"],
        "actor_name": row["actor"] or row["actor_text"],
        "actor_country": row["actor_country"],
        "actor_sector": row["actor_sector"],
        "recipient_name": row["recipient"] or row["recipient_text"],
        "recipient_country": row["recipient_country"],
        "recipient_sector": row["recipient_sector"],
        "placename": row["place"],
        "country": row["country"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "geo_precision": row["geo_precision"],
        **{k: row[k] for k in ("fatalities_low", "fatalities_best", "fatalities_high",
                               "injured_low", "injured_best", "injured_high")},
        **{k: bool(row[k]) for k in ("asserted", "negated", "hypothetical", "future", "historical", "aggregate")},
        "reported_by": row["reported_by"],
        "confidence": row["confidence"],
        "evidence": row["evidence"],
        "source_url": row["article_url"],
    }


def _gdelt(row: dict[str, Any]) -> dict[str, Any]:
    day = row["date"] if row["date_precision"] == "day" and row["date"] else None
    published = (row["article_published"] or "")[:10]
    return {
        "GlobalEventID": row["id"],
        "SQLDATE": day.replace("-", "") if day else None,
        "Actor1Name": (row["actor"] or "").upper() or None,
        "Actor1CountryCode": row["actor_country"],
        "Actor2Name": (row["recipient"] or "").upper() or None,
        "Actor2CountryCode": row["recipient_country"],
        "IsRootEvent": 1,
        "EventCode": row["cameo_root"],
        "EventBaseCode": row["cameo_root"],
        "EventRootCode": row["cameo_root"],
        "QuadClass": _QUAD_CLASS.get((row["plover_quad"] or "").replace("_", " ").lower()),
        "GoldsteinScale": row["plover_score"],
        "NumMentions": len(json.loads(row["evidence_spans"] or "[]")),
        **_gdelt_counts(row),
        "ActionGeo_FullName": row["place"],
        "ActionGeo_CountryCode": row["country"],  # ISO alpha-3, not GDELT's FIPS codes
        "ActionGeo_Lat": row["latitude"],
        "ActionGeo_Long": row["longitude"],
        "DATEADDED": published.replace("-", "") or None,
        "SOURCEURL": row["article_url"],
    }


def _gdelt_counts(row: dict[str, Any]) -> dict[str, int]:
    copies = json.loads(row.get("article_copies") or "[]")
    outlets = [{"source": row["article_source"], "url": row["article_url"], "article_id": row["article_id"]},
               *({"source": source, "url": url, "article_id": row["article_id"]} for source, url in copies)]
    return {"NumSources": count_sources(outlets), "NumArticles": len(outlets)}


def _native(row: dict[str, Any]) -> dict[str, Any]:
    return row


_SHAPERS: dict[str, Callable[[dict[str, Any]], dict[str, Any] | None]] = {
    "native": _native, "acled": _acled, "plover": _plover, "gdelt": _gdelt,
}


def columns(conn: sqlite3.Connection, profile: str) -> tuple[str, ...]:
    """The column names a profile writes, in order (a contract: tests snapshot them)."""
    if profile == "incidents":
        from eventwire.resolve.incidents import INCIDENT_COLUMNS

        return (*INCIDENT_COLUMNS, "event_ids", "article_ids")
    if profile == "native":
        event_columns = tuple(r[1] for r in conn.execute("PRAGMA table_info(events)"))
        return event_columns + NATIVE_EXTRA
    return {"acled": ACLED_COLUMNS, "plover": PLOVER_COLUMNS, "gdelt": GDELT_COLUMNS}[profile]


def rows(conn: sqlite3.Connection, profile: str, include_all: bool = False) -> Iterator[dict[str, Any]]:
    """Stream export rows for a profile."""
    if profile not in PROFILES:
        raise ExportError(f"unknown profile {profile!r}; choose one of: {', '.join(PROFILES)}")
    if profile == "incidents":  # one row per real-world event, member lists as JSON arrays
        from eventwire.resolve.incidents import incident_rows

        for item in incident_rows(conn):
            yield {**item, "event_ids": json.dumps(item["event_ids"]),
                   "article_ids": json.dumps(item["article_ids"])}
        return
    shape = _SHAPERS[profile]
    cols = columns(conn, profile)
    where = "" if include_all else " WHERE e.asserted = 1"
    sql = _BASE_SQL
    if profile == "gdelt" and has_copies_table(conn):
        sql = sql.replace(" FROM events e", _GDELT_COPIES + " FROM events e", 1)
    cursor = conn.execute(sql + where + " ORDER BY e.date, e.id")
    names = [d[0] for d in cursor.description]
    for values in cursor:
        shaped = shape(dict(zip(names, values, strict=True)))
        if shaped is not None:
            yield {c: shaped.get(c) for c in cols}


def export(
    conn: sqlite3.Connection,
    profile: str = "native",
    fmt: str = "csv",
    out: Path | None = None,
    include_all: bool = False,
) -> int:
    """Write a profile in a format to a file (or stdout for csv/jsonl). Returns the row count."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if fmt == "parquet":
        if out is None:
            raise ExportError("parquet needs an output file (-o FILE)")
        return _write_parquet(conn, profile, out, include_all)
    stream: IO[str]
    with (open(out, "w", encoding="utf-8", newline="") if out else _stdout()) as stream:
        return _write_text(rows(conn, profile, include_all), columns(conn, profile), fmt, stream)


def _stdout() -> IO[str]:
    class _NoClose:
        def __enter__(self) -> IO[str]:
            return sys.stdout

        def __exit__(self, *exc: object) -> None:
            sys.stdout.flush()

    return _NoClose()  # type: ignore[return-value]


def _write_text(items: Iterator[dict[str, Any]], cols: tuple[str, ...], fmt: str, stream: IO[str]) -> int:
    n = 0
    if fmt == "csv":
        n = write_csv(stream, items, cols)  # formula-leading text made inert (eventwire.csvsafe)
    else:
        for item in items:
            stream.write(json.dumps(item, ensure_ascii=False) + "\n")
            n += 1
    return n


_INT_COLUMNS = {
    "n_articles", "n_sources",
    "start_char", "end_char", "geo_precision", "fatalities_low", "fatalities_best", "fatalities_high",
    "injured_low", "injured_best", "injured_high", "evidence_start", "evidence_end", "year", "time_precision",
    "inter1", "inter2", "fatalities", "IsRootEvent", "QuadClass", "NumMentions", "NumSources", "NumArticles",
}
_FLOAT_COLUMNS = {"latitude", "longitude", "confidence", "plover_score", "conflict_cooperation_score",
                  "GoldsteinScale", "ActionGeo_Lat", "ActionGeo_Long"}
_FLAG_COLUMNS = {"asserted", "negated", "hypothetical", "future", "historical", "aggregate"}


def _arrow_schema(cols: tuple[str, ...], profile: str) -> Any:
    import pyarrow as pa

    def kind(col: str) -> Any:
        if col in _FLAG_COLUMNS:
            return pa.int64() if profile == "native" else pa.bool_()
        if col in _INT_COLUMNS:
            return pa.int64()
        if col in _FLOAT_COLUMNS:
            return pa.float64()
        return pa.string()

    return pa.schema([(col, kind(col)) for col in cols])


def _write_parquet(conn: sqlite3.Connection, profile: str, out: Path, include_all: bool) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = columns(conn, profile)
    schema = _arrow_schema(cols, profile)
    n = 0
    with pq.ParquetWriter(str(out), schema) as writer:
        batch: list[dict[str, Any]] = []
        for item in rows(conn, profile, include_all):
            batch.append(item)
            if len(batch) >= 10_000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        n += len(batch)
    return n
