"""Exports: profiles shape events for the tools researchers already use; formats write them.

Profiles: native (every event field), acled (ACLED's 31 columns, one row per incident),
gdelt (GDELT 2.0's 61 event columns, one row per incident), polecat (POLECAT-style nested
records), plover (one flat PLOVER row per event), incidents (merged fields of each real-world
event across articles). ``per_article`` makes acled and gdelt write one row per article's event.
Formats: csv (gdelt: GDELT's own tab-separated, headerless layout; lists and nested records as
JSON text), jsonl (lists as lists, records nested), parquet (typed columns). Rows stream from the
database; only asserted events are exported unless ``include_all`` is set (then the modality
flags tell them apart).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from eventwire.csvsafe import safe_cell, write_csv
from eventwire.profiles import acled as acled_profile
from eventwire.profiles import gdelt as gdelt_profile
from eventwire.profiles import polecat as polecat_profile
from eventwire.profiles.common import event_day

PROFILES = ("native", "acled", "gdelt", "polecat", "plover", "incidents")
FORMATS = ("csv", "jsonl", "parquet")
PER_ARTICLE_PROFILES = ("acled", "gdelt")
# Columns stored as JSON text that the rows carry as lists or objects.
JSON_COLUMNS = {"native": ("contexts", "quantity", "evidence_spans"), "incidents": ("event_ids", "article_ids")}

_BASE_SQL = (
    "SELECT e.*, a.url AS article_url, a.source AS article_source, a.published AS article_published,"
    " a.title AS article_title,"
    " ac.country AS actor_country, ac.sector AS actor_sector, ac.kind AS actor_kind,"
    " rc.country AS recipient_country, rc.sector AS recipient_sector, rc.kind AS recipient_kind"
    " FROM events e JOIN articles a ON a.id = e.article_id"
    " LEFT JOIN actors ac ON ac.id = e.actor_id LEFT JOIN actors rc ON rc.id = e.recipient_id"
)

NATIVE_EXTRA = ("article_url", "article_source", "article_published", "article_title",
                "actor_country", "actor_sector", "recipient_country", "recipient_sector")

ACLED_COLUMNS = acled_profile.COLUMNS
GDELT_COLUMNS = gdelt_profile.COLUMNS
POLECAT_COLUMNS = polecat_profile.COLUMNS

PLOVER_COLUMNS = (
    "event_id", "story_date", "event_date", "event_date_precision", "event_type", "event_mode",
    "event_context", "quad_code", "conflict_cooperation_score", "cameo_root",
    "actor_name", "actor_country", "actor_sector", "recipient_name", "recipient_country", "recipient_sector",
    "placename", "country", "latitude", "longitude", "geo_precision",
    "fatalities_low", "fatalities_best", "fatalities_high", "injured_low", "injured_best", "injured_high",
    "asserted", "negated", "hypothetical", "future", "historical", "aggregate", "reported_by",
    "confidence", "evidence", "source_url",
)


class ExportError(ValueError):
    pass


def acled_date(value: str | None, precision: str | None) -> tuple[str | None, int | None]:
    """An ACLED event_date (a day) and time_precision (see ``profiles.common.event_day``)."""
    return event_day(value, precision)


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


def _native(row: dict[str, Any]) -> dict[str, Any]:
    return row


_SHAPERS: dict[str, Callable[[dict[str, Any]], dict[str, Any] | None]] = {"native": _native, "plover": _plover}


def columns(conn: sqlite3.Connection, profile: str) -> tuple[str, ...]:
    """The column names a profile writes, in order (a contract: tests snapshot them)."""
    if profile == "incidents":
        from eventwire.resolve.incidents import INCIDENT_COLUMNS

        return (*INCIDENT_COLUMNS, "event_ids", "article_ids")
    if profile == "native":
        event_columns = tuple(r[1] for r in conn.execute("PRAGMA table_info(events)"))
        return event_columns + NATIVE_EXTRA
    return {"acled": ACLED_COLUMNS, "plover": PLOVER_COLUMNS, "gdelt": GDELT_COLUMNS,
            "polecat": POLECAT_COLUMNS}[profile]


def rows(conn: sqlite3.Connection, profile: str, include_all: bool = False,
         per_article: bool = False) -> Iterator[dict[str, Any]]:
    """Stream export rows for a profile: plain values, lists and nested records as Python objects."""
    if profile not in PROFILES:
        raise ExportError(f"unknown profile {profile!r}; choose one of: {', '.join(PROFILES)}")
    if per_article and profile not in PER_ARTICLE_PROFILES:
        raise ExportError(f"--per-article applies to {' and '.join(PER_ARTICLE_PROFILES)} only")
    cols = columns(conn, profile)
    items: Iterator[dict[str, Any]]
    if profile == "incidents":  # one row per real-world event, member lists as lists
        from eventwire.resolve.incidents import incident_rows

        items = incident_rows(conn)
    elif profile == "acled":
        items = acled_profile.rows(conn, per_article=per_article, include_all=include_all)
    elif profile == "gdelt":
        items = gdelt_profile.rows(conn, per_article=per_article, include_all=include_all)
    elif profile == "polecat":
        items = polecat_profile.rows(conn, include_all=include_all)
    else:
        items = _event_rows(conn, profile, include_all)
    decode = JSON_COLUMNS.get(profile, ()) if profile != "incidents" else ()
    for item in items:
        row = {c: item.get(c) for c in cols}
        for c in decode:
            value = row[c]
            if isinstance(value, str):
                row[c] = json.loads(value)
        yield row


def _event_rows(conn: sqlite3.Connection, profile: str, include_all: bool) -> Iterator[dict[str, Any]]:
    shape = _SHAPERS[profile]
    where = "" if include_all else " WHERE e.asserted = 1"
    cursor = conn.execute(_BASE_SQL + where + " ORDER BY e.date_start, e.date_last, e.id")
    names = [d[0] for d in cursor.description]
    for values in cursor:
        shaped = shape(dict(zip(names, values, strict=True)))
        if shaped is not None:
            yield shaped


def export(
    conn: sqlite3.Connection,
    profile: str = "native",
    fmt: str = "csv",
    out: Path | None = None,
    include_all: bool = False,
    per_article: bool = False,
) -> int:
    """Write a profile in a format to a file (or stdout for csv/jsonl). Returns the row count.

    A file is written whole or not at all: rows go to a temporary file renamed at the end."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    items = rows(conn, profile, include_all, per_article)
    cols = columns(conn, profile)
    if fmt == "parquet":
        if out is None:
            raise ExportError("parquet needs an output file (-o FILE)")
        return _atomic(out, lambda path: _write_parquet(items, cols, profile, path, conn))
    if out is None:
        with _stdout() as stream:
            return _write_text(items, cols, profile, fmt, stream)

    def write(path: Path) -> int:
        with open(path, "w", encoding="utf-8", newline="") as stream:
            return _write_text(items, cols, profile, fmt, stream)

    return _atomic(out, write)


def _atomic(out: Path, write: Callable[[Path], int]) -> int:
    out = Path(out)
    partial = out.with_name(f".{out.name}.partial")
    try:
        n = write(partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(out)
    return n


def _stdout() -> IO[str]:
    class _NoClose:
        def __enter__(self) -> IO[str]:
            return sys.stdout

        def __exit__(self, *exc: object) -> None:
            sys.stdout.flush()

    return _NoClose()  # type: ignore[return-value]


def _as_text(value: Any) -> Any:
    """A list or a nested record as JSON text, for a CSV cell."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value


def _write_text(items: Iterator[dict[str, Any]], cols: tuple[str, ...], profile: str, fmt: str,
                stream: IO[str]) -> int:
    n = 0
    if fmt == "csv" and profile == "gdelt":
        return _write_gdelt_tsv(items, cols, stream)
    if fmt == "csv":
        n = write_csv(stream, ({k: _as_text(v) for k, v in item.items()} for item in items),
                      cols)  # formula-leading text made inert (eventwire.csvsafe)
    else:
        for item in items:
            stream.write(json.dumps(item, ensure_ascii=False) + "\n")
            n += 1
    return n


def _write_gdelt_tsv(items: Iterator[dict[str, Any]], cols: tuple[str, ...], stream: IO[str]) -> int:
    """GDELT's file layout: one event a line, fields separated by tabs, no header, no quoting
    (a tab or line break inside a value becomes a space; formula-leading text is made inert)."""
    n = 0
    for item in items:
        fields = []
        for c in cols:
            value = item.get(c)
            if isinstance(value, str):
                fields.append(str(safe_cell(" ".join(value.split()))))
            else:
                fields.append("" if value is None else str(value))
        stream.write("\t".join(fields) + "\n")
        n += 1
    return n


_INT_COLUMNS = {
    "n_articles", "n_sources",
    "start_char", "end_char", "geo_precision", "fatalities_low", "fatalities_best", "fatalities_high",
    "injured_low", "injured_best", "injured_high", "evidence_start", "evidence_end", "year", "time_precision",
    *acled_profile.INT_COLUMNS, *gdelt_profile.INT_COLUMNS,
}
_FLOAT_COLUMNS = {"latitude", "longitude", "confidence", "plover_score", "conflict_cooperation_score",
                  *acled_profile.FLOAT_COLUMNS, *gdelt_profile.FLOAT_COLUMNS, *polecat_profile.FLOAT_COLUMNS}
_FLAG_COLUMNS = {"asserted", "negated", "hypothetical", "future", "historical", "aggregate"}
_SQLITE_TYPES = {"INTEGER": "int64", "REAL": "float64"}


def _arrow_schema(conn: sqlite3.Connection | None, cols: tuple[str, ...], profile: str) -> Any:
    """Parquet column types: the events table's own for native, the profile's for the others;
    lists of strings as lists, other lists and nested records as JSON text."""
    import pyarrow as pa

    declared: dict[str, str] = {}
    if conn is not None and profile == "native":
        declared = {r[1]: _SQLITE_TYPES.get(str(r[2]).upper(), "string") for r in conn.execute(
            "PRAGMA table_info(events)")}

    def kind(col: str) -> Any:
        if profile == "native" and col == "contexts" or profile == "incidents" and col in ("event_ids",
                                                                                          "article_ids"):
            return pa.list_(pa.string())
        if col in declared:
            return pa.int64() if declared[col] == "int64" else pa.float64() if declared[col] == "float64" \
                else pa.string()
        if col in _FLAG_COLUMNS:
            return pa.bool_()
        if col in _INT_COLUMNS:
            return pa.int64()
        if col in _FLOAT_COLUMNS:
            return pa.float64()
        return pa.string()

    return pa.schema([(col, kind(col)) for col in cols])


def _parquet_value(value: Any, arrow_type: Any) -> Any:
    import pyarrow as pa

    if pa.types.is_list(arrow_type) or not isinstance(value, list | dict):
        return value
    return json.dumps(value, ensure_ascii=False)


def _write_parquet(items: Iterator[dict[str, Any]], cols: tuple[str, ...], profile: str, out: Path,
                   conn: sqlite3.Connection | None = None) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema(conn, cols, profile)
    types = {field.name: field.type for field in schema}
    n = 0
    with pq.ParquetWriter(str(out), schema) as writer:
        batch: list[dict[str, Any]] = []
        for item in items:
            batch.append({k: _parquet_value(v, types[k]) for k, v in item.items()})
            if len(batch) >= 10_000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        n += len(batch)
    return n
