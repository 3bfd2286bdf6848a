"""Read queries shared by the CLI, exports and the web UI. Every value is a bound parameter."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any
from urllib.parse import urlparse

from eventwire.periods import period_days

MODALITY_FLAGS = ("negated", "hypothetical", "future", "historical", "aggregate")


@dataclass(slots=True)
class EventFilter:
    type: str | None = None
    actor: str | None = None  # name or alias substring, or actor id
    country: str | None = None
    since: str | None = None  # ISO date, inclusive: events whose date reaches it (a week that ends on it)
    until: str | None = None  # ISO date, inclusive: events whose date begins by its last day
    min_fatalities: int | None = None
    text: str | None = None  # substring of the evidence sentence
    include_all: bool = False  # also negated / hypothetical / future / historical / aggregate
    article_id: str | None = None
    incident_id: str | None = None
    sort: str = "date"
    descending: bool = True
    limit: int = 100
    offset: int = 0


# "date" sorts by the first day a date covers (2025-W52 between 2025-12-21 and 2025-12-23), then its last.
SORTABLE = {"date": "e.date_start", "type": "e.type", "fatalities": "COALESCE(e.fatalities_best, e.fatalities_low)",
            "confidence": "e.confidence", "country": "e.country", "actor": "e.actor"}
# Counts stop here: on a large database an exact count of a broad filter costs more than the page.
COUNT_CAP = 10_000
# A filter matching more rows than this is read in the sort order with its terms checked on each row;
# a narrower one is read through its own index and sorted.
DENSE = 10_000
# Beyond every character of an ISO date, so ``date <= until + _TOP`` keeps dates starting with ``until``.
_TOP = "\U0010ffff"
_EVENT_COLUMNS = ("e.*, a.url AS article_url, a.source AS article_source, a.published AS article_published")


@dataclass(slots=True)
class _Where:
    """WHERE terms and their parameters; the actor and text terms come in two forms (see _page_rowids)."""

    terms: list[str]
    params: list[Any]

    def sql(self) -> str:
        return " AND ".join(self.terms) or "1"

    def plus(self, term: str, *params: Any) -> _Where:
        return _Where([*self.terms, term], [*self.params, *params])


def events(conn: sqlite3.Connection, f: EventFilter) -> list[dict[str, Any]]:
    """One page of events for the filter, in its sort order (NULLs last, then date, asserted, rowid)."""
    return _events_by_rowid(conn, _page_rowids(conn, f, f.limit, f.offset), _EVENT_COLUMNS)


def count_events(conn: sqlite3.Connection, f: EventFilter, cap: int | None = None) -> int:
    """How many events match; with ``cap``, counting stops at ``cap + 1`` (read "more than cap")."""
    return _count(conn, *_event_where(conn, f), cap)


def _count(conn: sqlite3.Connection, where: _Where, actor: _Actor | None, cap: int | None) -> int:
    limit = f" LIMIT {int(cap) + 1}" if cap is not None else ""
    if actor is None:
        sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM events e WHERE {where.sql()}{limit})"
        return int(conn.execute(sql, where.params).fetchone()[0])
    sides = [where.plus(f"e.{role} {actor.test}", *actor.params) for role in ("actor_id", "recipient_id")]
    union = " UNION ".join(f"SELECT * FROM (SELECT e.rowid FROM events e WHERE {w.sql()}{limit})" for w in sides)
    sql = f"SELECT COUNT(*) FROM ({union}{limit})"
    return int(conn.execute(sql, [*sides[0].params, *sides[1].params]).fetchone()[0])


def _events_by_rowid(conn: sqlite3.Connection, rowids: list[int], columns: str) -> list[dict[str, Any]]:
    if not rowids:
        return []
    sql = (f"SELECT e.rowid AS _rowid, {columns} FROM events e JOIN articles a ON a.id = e.article_id"
           " WHERE e.rowid IN (SELECT value FROM json_each(?))")
    by_rowid = {}
    for r in conn.execute(sql, (json.dumps(rowids),)):
        row = dict(r)
        by_rowid[row.pop("_rowid")] = row
    return [by_rowid[i] for i in rowids if i in by_rowid]


def _page_rowids(conn: sqlite3.Connection, f: EventFilter, limit: int, offset: int) -> list[int]:
    """Rowids of one page, read from index entries only where an index serves the filter and order.

    NULLs of the sort column come last in both directions: descending does that by itself; ascending
    reads the non-NULL rows first, then the NULL ones. A filter on actor names, text or fatalities
    that matches many events is read in the sort order, testing each row, rather than through its
    own index and sorted (the capped count tells which).
    """
    start, last = _date_keys(conn, "e")
    expr = start if f.sort not in SORTABLE or f.sort == "date" else SORTABLE[f.sort]
    direction = "DESC" if f.descending else "ASC"
    keys = list(dict.fromkeys([expr, start, last, "e.asserted"]))
    where, actor = _event_where(conn, f)
    other_order = expr != start  # the filter indexes are ordered by date only
    broad = (actor is not None and not actor.exact) or f.text or f.min_fatalities or (other_order and where.terms)
    if broad and _count(conn, where, actor, DENSE) > DENSE:
        terms = [_in_order(t, every=other_order) for t in where.terms]
        where, actor = _Where(terms, where.params), _as_row_test(actor, every=other_order)
    page = _Page(keys, direction, limit, offset)
    if f.descending:
        return _ordered_rowids(conn, where, actor, page)
    rows = _ordered_rowids(conn, where.plus(_not_null(expr)), actor, page)
    if len(rows) == limit:
        return rows
    skip = 0 if rows else offset - _count(conn, where.plus(_not_null(expr)), actor, None)
    rest = _Page(keys, direction, limit - len(rows), max(skip, 0))
    return rows + _ordered_rowids(conn, where.plus(f"{expr} IS NULL"), actor, rest)


def _not_null(expr: str) -> str:
    # SQLite reads "IS NOT NULL" on an expression index as a scan from its NULL end; a lower bound
    # below every number is a range, and only NULL fails it.
    return f"{expr} >= -9e999" if expr.startswith("COALESCE") else f"{expr} IS NOT NULL"


@dataclass(slots=True)
class _Actor:
    """The actor filter: ``test`` applies to e.actor_id and to e.recipient_id."""

    test: str
    params: list[Any]
    exact: bool  # one known actor id
    row_test: bool = False  # test both roles on each row instead of reading the role indexes


@dataclass(slots=True)
class _Page:
    keys: list[str]
    direction: str
    limit: int
    offset: int

    def order(self, keys: list[str] | None = None) -> str:
        return ", ".join(f"{k} {self.direction}" for k in [*(keys or self.keys), "rowid"])


def _in_order(term: str, every: bool) -> str:
    """The term without its index (the rows then come from the sort order's index); ``every``: also
    the type, country and date terms, whose indexes give date order, not the sort column's."""
    indexed = ("e.rowid IN", "COALESCE(e.fatalities_best, e.fatalities_low) >=")
    if term.startswith(indexed) or (every and term.startswith("e.") and not term.startswith("e.evidence")):
        return "+" + term
    return term


def _as_row_test(actor: _Actor | None, every: bool) -> _Actor | None:
    if actor is None or (actor.exact and not every):
        return actor
    return _Actor(actor.test, actor.params, exact=False, row_test=True)


def _ordered_rowids(conn: sqlite3.Connection, where: _Where, actor: _Actor | None, page: _Page) -> list[int]:
    if actor is not None and actor.row_test:
        where = where.plus(f"(+e.actor_id {actor.test} OR +e.recipient_id {actor.test})",
                           *actor.params, *actor.params)
        actor = None
    if actor is None:
        sql = f"SELECT e.rowid FROM events e WHERE {where.sql()} ORDER BY {page.order()} LIMIT ? OFFSET ?"
        return [r[0] for r in conn.execute(sql, (*where.params, page.limit, page.offset))]
    # Each role's index gives its rows in order (or few enough to sort): merge the two, keeping
    # the first offset + limit of each.
    sides = [where.plus(f"e.{role} {actor.test}", *actor.params) for role in ("actor_id", "recipient_id")]
    aliases = [f"k{i}" for i in range(len(page.keys))]
    select = ", ".join(f"{k} AS {a}" for k, a in zip(page.keys, aliases, strict=True))
    branch = ("SELECT * FROM (SELECT e.rowid AS rowid, " + select + " FROM events e WHERE {} ORDER BY "
              + page.order() + " LIMIT ?)")
    sql = (f"SELECT rowid FROM ({branch.format(sides[0].sql())} UNION {branch.format(sides[1].sql())})"
           f" ORDER BY {page.order(aliases)} LIMIT ? OFFSET ?")
    params = [*sides[0].params, page.offset + page.limit, *sides[1].params, page.offset + page.limit,
              page.limit, page.offset]
    return [r[0] for r in conn.execute(sql, params)]


def _event_where(conn: sqlite3.Connection, f: EventFilter) -> tuple[_Where, _Actor | None]:
    """The filter's terms, and apart from them the actor test."""
    where = _Where([], [])
    if not f.include_all:
        # "+": not an index constraint, so SQLite sees the index order (..., asserted, rowid) as the
        # ORDER BY's and does not sort each run of equal dates again.
        where = where.plus("+e.asserted = 1")
    if f.type:
        where = where.plus("e.type = ?", f.type.upper())
    if f.country:
        where = where.plus("e.country = ?", f.country.upper())
    for term, value in _date_terms(conn, "e", f.since, f.until, f.include_all):
        where = where.plus(term, value)
    if f.min_fatalities is not None:
        if f.min_fatalities > 0:
            where = where.plus("COALESCE(e.fatalities_best, e.fatalities_low) >= ?", f.min_fatalities)
        else:
            where = where.plus("COALESCE(e.fatalities_best, e.fatalities_low, 0) >= ?", f.min_fatalities)
    if f.text:
        where = where.plus(*_text_term(f.text))
    if f.article_id:
        where = where.plus("e.article_id = ?", f.article_id)
    if f.incident_id:
        where = where.plus("e.incident_id = ?", f.incident_id)
    return where, (_actor_test(conn, f.actor) if f.actor else None)


def has_date_bounds(conn: sqlite3.Connection, table: str = "events") -> bool:
    """False on a database from before schema version 5 (no date_start / date_last) opened without
    migrating (read-only web): dates then sort and filter as their text, as they used to."""
    return any(r[1] == "date_start" for r in conn.execute(f"PRAGMA table_info({table})"))


def _date_keys(conn: sqlite3.Connection, alias: str) -> tuple[str, str]:
    """The first-day and last-day columns: ``e.date_start``, ``e.date_last`` (``e.date`` twice before schema 5)."""
    table = "events" if alias == "e" else "incidents"
    if has_date_bounds(conn, table):
        return f"{alias}.date_start", f"{alias}.date_last"
    return f"{alias}.date", f"{alias}.date"


def _date_terms(conn: sqlite3.Connection, alias: str, since: str | None, until: str | None,
                include_all: bool = True) -> list[tuple[str, str]]:
    """WHERE terms keeping the dates that overlap since .. until: ``since=2025-12-25`` keeps 2025-W52
    (its last day, Dec 28, reaches it) and ``until=2025-12`` every date beginning by Dec 31."""
    start, last = _date_keys(conn, alias)
    if start == last:  # before schema version 5: the dates' text, as it was compared then
        return [*([(f"{start} >= ?", since)] if since else []), *([(f"{start} <= ?", until + _TOP)] if until else [])]
    terms = _since_terms(conn, alias, _first_day(since), include_all) if since else []
    return terms + ([(f"{alias}.date_start <= ?", _last_day(until))] if until else [])


def _since_terms(conn: sqlite3.Connection, alias: str, first: str, include_all: bool) -> list[tuple[str, str]]:
    """``date_last >= first``; for events also ``date_start >= first`` minus the longest stored date
    (``date_spans``), so an index reads a range of first days rather than every older row."""
    terms = [(f"{alias}.date_last >= ?", first)]
    if alias == "e":
        terms.insert(0, (f"{alias}.date_start >= ?", _days_before(first, _longest_date(conn, include_all))))
    return terms


def _first_day(value: str) -> str:
    """``2025`` -> ``2025-01-01``; a value that names no period stays as given."""
    days = period_days(value)
    return days[0].isoformat() if days else value


def _last_day(value: str) -> str:
    """``2025-12`` -> ``2025-12-31``; a value that names no period stays as given."""
    days = period_days(value)
    return days[1].isoformat() if days else value


def _days_before(day: str, days: int) -> str:
    """``("2025-12-25", 6)`` -> ``2025-12-19``; ``"0000"`` (below every day) before year 1; a value
    that is not a day stays as given."""
    bounds = period_days(day)
    if bounds is None:
        return day
    try:
        return (bounds[0] - timedelta(days=days)).isoformat()
    except OverflowError:
        return "0000"


def _longest_date(conn: sqlite3.Connection, include_all: bool) -> int:
    """Days from first to last day of the longest stored date, asserted events only unless ``include_all``."""
    flags = "" if include_all else " WHERE asserted = 1"
    row = conn.execute(f"SELECT MAX(days) FROM date_spans{flags}").fetchone()
    return int(row[0] or 0)


def _text_term(text: str) -> tuple[str, str]:
    """Substring of the evidence sentence, case-insensitive: through the trigram index from 3 characters."""
    text = text.replace("\x00", "")
    if len(text) < 3:
        return "e.evidence LIKE ?", f"%{text}%"
    return "e.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", _fts_phrase(text)


def _actor_test(conn: sqlite3.Connection, actor: str) -> _Actor:
    """An actor id as given, else every actor whose name or one of whose aliases contains the text."""
    if conn.execute("SELECT 1 FROM actors WHERE id = ?", (actor,)).fetchone():
        return _Actor("= ?", [actor], exact=True)
    like = f"%{actor}%"
    return _Actor("IN (SELECT id FROM actors WHERE name LIKE ? OR aliases LIKE ?)", [like, like], exact=False)


def event(conn: sqlite3.Connection, event_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT e.*, a.url AS article_url, a.source AS article_source, a.published AS article_published,"
        " a.title AS article_title FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id = ?",
        (event_id,),
    ).fetchone()
    return dict(row) if row else None


def incidents(
    conn: sqlite3.Connection,
    type: str | None = None,
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    where: list[str] = []
    params: list[Any] = []
    if type:
        where.append("i.type = ?")
        params.append(type.upper())
    if country:
        where.append("i.country = ?")
        params.append(country.upper())
    for term, value in _date_terms(conn, "i", since, until):
        where.append(term)
        params.append(value)
    start, _last = _date_keys(conn, "i")
    sql = (  # the order of the incidents_size and incidents_type indexes
        f"SELECT i.* FROM incidents i WHERE {' AND '.join(where) or '1'}"
        f" ORDER BY i.n_articles DESC, {start} DESC, i.id DESC LIMIT ? OFFSET ?"
    )
    return [dict(r) for r in conn.execute(sql, (*params, limit, offset))]


def incident(conn: sqlite3.Connection, incident_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    return dict(row) if row else None


def actor(conn: sqlite3.Connection, actor_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM actors WHERE id = ?", (actor_id,)).fetchone()
    return dict(row) if row else None


def actor_timeline(conn: sqlite3.Connection, actor_id: str) -> list[dict[str, Any]]:
    """Asserted events per month with the actor as actor and as recipient."""
    months: dict[str, dict[str, Any]] = {}
    start = _date_keys(conn, "e")[0].removeprefix("e.")
    for role in ("actor", "recipient"):
        sql = (  # a range of the events_actor / events_recipient index, nothing else
            f"SELECT substr({start}, 1, 7) AS month, COUNT(*) FROM events WHERE {role}_id = ? AND {start} IS NOT NULL"
            " AND asserted = 1 GROUP BY month"
        )
        for month, n in conn.execute(sql, (actor_id,)):
            months.setdefault(month, {"month": month, "as_actor": 0, "as_recipient": 0})[f"as_{role}"] = n
    return [months[m] for m in sorted(months)]


def article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    return dict(row) if row else None


# -- outlets: who published an article (its own source and other outlets' copies) --------------------

_COPY_COLUMNS = "c.article_id, c.source, c.url, c.published, c.path, c.first_seen"
# An incident's articles: its member articles and every article of their near-duplicate groups.
_INCIDENT_GROUP = (
    "WITH members AS (SELECT DISTINCT article_id FROM events WHERE incident_id = ?),"
    " roots AS (SELECT DISTINCT COALESCE(a.duplicate_of, a.id) AS root FROM articles a"
    "  JOIN members m ON a.id = m.article_id),"
    " grp AS (SELECT root AS id FROM roots UNION SELECT a.id FROM articles a JOIN roots r ON a.duplicate_of = r.root)"
)


def has_copies_table(conn: sqlite3.Connection) -> bool:
    """False on a database from before schema version 2 opened without migrating (read-only web)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'article_copies'"
                        ).fetchone() is not None


def article_copies(conn: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    """Other outlets' copies of an article, first met first."""
    if not has_copies_table(conn):
        return []
    sql = f"SELECT {_COPY_COLUMNS} FROM article_copies c WHERE c.article_id = ? ORDER BY c.first_seen, c.id"
    return [{**dict(r), "is_copy": True} for r in conn.execute(sql, (article_id,))]


def article_outlets(conn: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    """The article as stored (``copy`` False) followed by its copies; empty when no such article."""
    row = conn.execute("SELECT id AS article_id, source, url, published, path, ingested_at AS first_seen"
                       " FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return []
    return [{**dict(row), "is_copy": False}, *article_copies(conn, article_id)]


def incident_outlets(conn: sqlite3.Connection, incident_id: str) -> list[dict[str, Any]]:
    """Every published copy behind an incident: its articles (near duplicates included) and their
    copies from other outlets, by publication date."""
    articles = (f"{_INCIDENT_GROUP} SELECT a.id AS article_id, a.source, a.url, a.published, a.path,"
                " a.ingested_at AS first_seen, 0 AS is_copy FROM articles a JOIN grp ON a.id = grp.id")
    if has_copies_table(conn):
        sql = (f"{articles} UNION ALL SELECT {_COPY_COLUMNS}, 1 FROM article_copies c"
               " JOIN grp ON c.article_id = grp.id")
        params: tuple[str, ...] = (incident_id,)
    else:
        sql, params = articles, (incident_id,)
    rows = [{**dict(r), "is_copy": bool(r["is_copy"])} for r in conn.execute(sql, params)]
    return sorted(rows, key=lambda r: (r["published"] or "~", r["is_copy"], r["article_id"], r["source"] or "",
                                       r["url"] or ""))


def source_key(source: str | None, url: str | None, article_id: str) -> str:
    """Who published a copy: the source name folded, else the url's host, else the article itself
    (an unnamed outlet still counts once)."""
    if source:
        return source.casefold()
    if url:
        host = urlparse(url).netloc.casefold()
        if host:
            return host.removeprefix("www.")
    return f"article:{article_id}"


def count_sources(outlets: Iterable[dict[str, Any]]) -> int:
    """Distinct outlets among rows with ``source``, ``url`` and ``article_id``."""
    return len({source_key(o.get("source"), o.get("url"), o["article_id"]) for o in outlets})


def article_spans(conn: sqlite3.Connection, article_id: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, kind, link) of every extracted span in an article, for highlighting."""
    spans: list[tuple[int, int, str, str | None]] = []
    for r in conn.execute("SELECT start_char, end_char FROM places WHERE article_id = ?", (article_id,)):
        spans.append((r[0], r[1], "place", None))
    for r in conn.execute("SELECT start_char, end_char FROM timexes WHERE article_id = ?", (article_id,)):
        spans.append((r[0], r[1], "date", None))
    for r in conn.execute("SELECT start_char, end_char FROM quotes WHERE article_id = ?", (article_id,)):
        spans.append((r[0], r[1], "quote", None))
    for r in conn.execute("SELECT actor_id, mentions FROM article_actors WHERE article_id = ?", (article_id,)):
        for m in json.loads(r[1]):
            spans.append((m["start"], m["end"], "actor", f"/actors/{r[0]}"))
    for r in conn.execute("SELECT id, evidence_spans FROM events WHERE article_id = ?", (article_id,)):
        for ev in json.loads(r[1]):
            if ev.get("trigger_start") is not None:
                spans.append((ev["trigger_start"], ev["trigger_end"], "trigger", f"/events/{r[0]}"))
    return spans


def overview(conn: sqlite3.Connection, f: EventFilter) -> dict[str, Any]:
    """Counts, a timeline by type and the top actors and places for the current filter.

    With no filter but the type and the asserted flag, everything comes from the rollup tables. Other
    filters are summarised over their most recent OVERVIEW_SAMPLE events, and ``sample`` says so.
    """
    if any((f.actor, f.country, f.since, f.until, f.min_fatalities is not None, f.text, f.article_id,
            f.incident_id)):
        return _sampled_overview(conn, f)
    flags = "(0, 1)" if f.include_all else "(1)"
    type_term, params = ("AND type = ?", [f.type.upper()]) if f.type else ("", [])
    timeline = conn.execute(
        f"SELECT month, type, SUM(n) FROM event_stats WHERE asserted IN {flags} {type_term} AND month != ''"
        " GROUP BY month, type HAVING SUM(n) > 0 ORDER BY month, type",
        params,
    ).fetchall()
    top_actors = conn.execute(
        "SELECT s.actor_id, a.name, s.total FROM (SELECT actor_id, SUM(n) AS total FROM actor_stats"
        f" WHERE asserted IN {flags} {type_term} GROUP BY actor_id HAVING SUM(n) > 0 ORDER BY total DESC LIMIT 10)"
        " s JOIN actors a ON a.id = s.actor_id ORDER BY s.total DESC",
        params,
    ).fetchall()
    top_places = conn.execute(
        f"SELECT place, country, SUM(n) AS total FROM place_stats WHERE asserted IN {flags} {type_term}"
        " GROUP BY place, country HAVING SUM(n) > 0 ORDER BY total DESC LIMIT 10",
        params,
    ).fetchall()
    return {
        "timeline": [{"bucket": r[0], "type": r[1], "n": r[2]} for r in timeline],
        "top_actors": [{"id": r[0], "name": r[1], "n": r[2]} for r in top_actors],
        "top_places": [{"place": r[0], "country": r[1] or None, "n": r[2]} for r in top_places],
        "sample": None,
    }


OVERVIEW_SAMPLE = 10_000


def _sampled_overview(conn: sqlite3.Connection, f: EventFilter) -> dict[str, Any]:
    latest = replace(f, sort="date", descending=True)
    rowids = _page_rowids(conn, latest, OVERVIEW_SAMPLE, 0)
    timeline: Counter[tuple[str, str]] = Counter()
    actors: Counter[str] = Counter()
    names: dict[str, str] = {}
    places: Counter[tuple[str, str | None]] = Counter()
    start = _date_keys(conn, "e")[0].removeprefix("e.")
    sql = f"SELECT substr({start}, 1, 7), type, actor_id, actor, place, country FROM events WHERE rowid IN"
    for month, type_, actor_id, name, place, country in conn.execute(
            f"{sql} (SELECT value FROM json_each(?))", (json.dumps(rowids),)):
        if month is not None:
            timeline[(month, type_)] += 1
        if actor_id is not None:
            actors[actor_id] += 1
            names.setdefault(actor_id, name)
        if place is not None:
            places[(place, country)] += 1
    return {
        "timeline": [{"bucket": b, "type": t, "n": n} for (b, t), n in sorted(timeline.items())],
        "top_actors": [{"id": a, "name": names[a], "n": n} for a, n in actors.most_common(10)],
        "top_places": [{"place": p, "country": c, "n": n} for (p, c), n in places.most_common(10)],
        "sample": len(rowids) if len(rowids) == OVERVIEW_SAMPLE else None,
    }


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows in the big tables (and asserted events), kept by triggers."""
    return {name: int(n) for name, n in conn.execute("SELECT name, n FROM table_counts")}


def quotes(
    conn: sqlite3.Connection,
    speaker: str | None = None,
    contains: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Quotes, newest article first. ``speaker``: an actor id, or text in an actor's name or aliases
    (or in the speaker name of a quote not linked to an actor); ``contains``: words (full-text)."""
    where: list[str] = []
    params: list[Any] = []
    if speaker:
        like = f"%{speaker}%"
        if conn.execute("SELECT 1 FROM actors WHERE id = ?", (speaker,)).fetchone():
            where.append("q.speaker_id = ?")
            params.append(speaker)
        else:
            where.append("(q.speaker_id IN (SELECT id FROM actors WHERE name LIKE ? OR aliases LIKE ?)"
                         " OR (q.speaker_id IS NULL AND (q.speaker LIKE ? OR q.speaker_text LIKE ?)))")
            params += [like, like, like, like]
    if contains:
        where.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(_fts_phrase(contains))
    clause = " AND ".join(where) or "1"
    # Many matches: walk articles newest first (their published index) and take their quotes; few:
    # read the matches through their own indexes and sort them.
    dense = not where or conn.execute(
        f"SELECT COUNT(*) FROM (SELECT 1 FROM quotes q WHERE {clause} LIMIT {QUOTES_DENSE})", params
    ).fetchone()[0] >= QUOTES_DENSE
    join = "articles a CROSS JOIN quotes q ON q.article_id = a.id" if dense else (
        "quotes q JOIN articles a ON a.id = q.article_id")
    if dense:
        clause = " AND ".join(["+" + t if t.startswith("q.rowid IN") else t for t in where]) or "1"
    sql = (
        "SELECT q.id, q.article_id, q.speaker, q.speaker_id, q.speaker_text, q.speaker_kind, q.cue, q.direct,"
        " q.text, q.start_char, q.end_char, a.url AS article_url, a.published AS article_published"
        f" FROM {join} WHERE {clause} ORDER BY a.published DESC, q.article_id, q.start_char LIMIT ? OFFSET ?"
    )
    return [dict(r) for r in conn.execute(sql, (*params, limit, offset))]


QUOTES_DENSE = 2_000


def actors(
    conn: sqlite3.Connection,
    name: str | None = None,
    country: str | None = None,
    sector: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    where: list[str] = []
    params: list[Any] = []
    if name:
        where.append("(ac.name LIKE ? OR ac.aliases LIKE ?)")
        params += [f"%{name}%", f"%{name}%"]
    if country:
        where.append("ac.country = ?")
        params.append(country.upper())
    if sector:
        where.append("ac.sector = ?")
        params.append(sector.upper())
    sql = (  # the counts are kept by triggers (actor_counts)
        "SELECT ac.id, ac.name, ac.kind, ac.country, ac.sector, ac.aliases,"
        " COALESCE(c.n_articles, 0) AS n_articles, COALESCE(c.n_events, 0) AS n_events"
        f" FROM actors ac LEFT JOIN actor_counts c ON c.actor_id = ac.id WHERE {' AND '.join(where) or '1'}"
        " ORDER BY n_events DESC, n_articles DESC, ac.name LIMIT ? OFFSET ?"
    )
    return [dict(r) for r in conn.execute(sql, (*params, limit, offset))]


def errors(conn: sqlite3.Connection, limit: int = 1000) -> list[dict[str, Any]]:
    sql = "SELECT id, path, line, reason, count, lines, at, last_at FROM errors ORDER BY id DESC LIMIT ?"
    return [dict(r) for r in conn.execute(sql, (limit,))]


def _fts_phrase(text: str) -> str:
    """Quote user text as an FTS5 phrase so its punctuation is never parsed as query syntax; FTS5
    cannot read a NUL character, so it is dropped."""
    return '"' + text.replace("\x00", "").replace('"', '""') + '"'
