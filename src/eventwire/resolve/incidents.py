"""Incidents: events from different articles that describe the same real-world event.

``resolve(conn)`` is incremental. It reads what is not resolved yet (articles missing from
the near-duplicate index, asserted events with no ``incident_id``), marks near-duplicate
articles, attaches each new event to the best compatible incident or founds a new one, and
recomputes the merged fields of the incidents it touched (and of the incidents whose articles
gained a copy from another outlet since the last run). Nothing already resolved is
re-clustered, and an incident's id is a hash of its founding event's id, so re-running on the
same data gives the same ids.

Compatibility (all must hold): the same PLOVER type; dates whose precision windows meet;
no conflicting country; places within a distance their precision allows; actors and
recipients that do not contradict (same id or name, one name inside the other, or the same
country and sector). Among compatible incidents the best score wins when it reaches
ACCEPT_SCORE: a matching date, place, actor, recipient, fatality figure, overlapping evidence
wording, and a near-duplicate article already in the incident each add to it.

Blocking keeps this near linear: an incident is indexed under (week, type, country) for each
week its dates cover, and an event is compared only with incidents of its type and country
(or of no known country) in its own weeks. New events are processed in date order, in
chunks; stored incidents whose dates overlap a chunk are loaded from ``incident_index`` (a
helper table created here) and incidents the remaining events can no longer reach are written
back and dropped, so memory follows the time span being resolved, not the database size.

Helper tables (created with CREATE TABLE IF NOT EXISTS): ``incident_index`` (the matching
signature of each incident, for incremental runs) and ``incident_reports`` (every reported
value of date, place, actor, recipient and fatalities, with the articles that reported it and
whether it was chosen, so that conflicting reports stay visible).
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from eventwire.extract import gazetteer
from eventwire.model import Incident, content_hash, fold
from eventwire.periods import date_bounds
from eventwire.queries import source_key
from eventwire.resolve.dedup import index_new_articles

ACCEPT_SCORE = 2.0
DAY_SLACK = 1  # "yesterday" vs "on Monday", time zones: day-precise dates may differ by one
PUBLICATION_LOOKBACK = 3  # a date that fell back to publication: the event was on or before it
UNDATED_LOOKBACK = 7
MAX_EVIDENCE_WORDS = 300
WEEK_DAYS = 7
CHUNK_EVENTS = 5000
REFRESH_CHUNK = 400
RUN_CACHE_SIZE = -262144  # KiB (256 MiB) of page cache while resolving; restored afterwards
UNDATED = 0  # the day window of events with no date at all (no real date has ordinal 0)
NO_COUNTRY = "-"
ANY_COUNTRY = "*"
# Beyond these distances two places cannot be the same scene (by the coarser geo_precision).
MAX_KM_BY_PRECISION = {1: 40.0, 2: 150.0}
PRECISION_ORDER = {"time": 0, "day": 1, "week": 2, "month": 3, "season": 4, "quarter": 4, "year": 5,
                   "decade": 6, "century": 7}

GENERIC = "generic"
_WORD = re.compile(r"[^\W\d_]{4,}")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ISO_YEAR = re.compile(r"^(\d{4})$")

HELPER_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS incident_index ("
    " incident_id TEXT PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,"
    " type TEXT NOT NULL, day_start INTEGER NOT NULL, day_end INTEGER NOT NULL, state TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS incident_index_days ON incident_index(day_end, day_start)",
    "CREATE TABLE IF NOT EXISTS incident_reports ("
    " incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,"
    " field TEXT NOT NULL, value TEXT NOT NULL, n_events INTEGER NOT NULL, n_articles INTEGER NOT NULL,"
    " article_ids TEXT NOT NULL, chosen INTEGER NOT NULL, PRIMARY KEY (incident_id, field, value))",
)


@dataclass(slots=True)
class ResolveStats:
    """What one ``resolve`` run did."""

    articles_indexed: int = 0
    duplicates: int = 0
    events_resolved: int = 0
    incidents_created: int = 0
    incidents_updated: int = 0
    seconds: float = 0.0
    touched: list[str] = field(default_factory=list)  # ids of the incidents created or updated (alerts read it)


# -- the facts one event brings ----------------------------------------------------------------------

@dataclass(slots=True)
class ActorSet:
    """What identifies the actors on one side of an event or incident: ids and folded names,
    the word sets of those names, country:sector pairs, sectors, and whether any is a common
    noun ("gunmen"). Flattened to prefixed strings for storage (``keys``/``of``)."""

    identity: set[str] = field(default_factory=set)  # "id:..." and "n:<folded name>"
    names: set[frozenset[str]] = field(default_factory=set)
    country_sectors: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)
    generic: bool = False

    @classmethod
    def of(cls, keys: Iterable[str]) -> ActorSet:
        actors = cls()
        for key in keys:
            if key == GENERIC:
                actors.generic = True
            elif key.startswith("cs:"):
                actors.country_sectors.add(key)
            elif key.startswith("s:"):
                actors.sectors.add(key)
            else:
                actors.identity.add(key)
                if key.startswith("n:"):
                    words = frozenset(key[2:].split())
                    if words and not words <= STOP_WORDS:
                        actors.names.add(words)
        return actors

    def keys(self) -> list[str]:
        return sorted([*self.identity, *self.country_sectors, *self.sectors, *([GENERIC] if self.generic else [])])

    def update(self, other: ActorSet) -> None:
        self.identity |= other.identity
        self.names |= other.names
        self.country_sectors |= other.country_sectors
        self.sectors |= other.sectors
        self.generic = self.generic or other.generic

    def __bool__(self) -> bool:
        return bool(self.identity or self.sectors)


@dataclass(slots=True)
class EventFacts:
    """The fields of a stored event (and its article) that matching reads."""

    id: str
    article_id: str
    root_article: str  # the canonical article of its near-duplicate group
    type: str
    days: tuple[int, int]  # date interval as ordinals
    exact_day: int | None
    country: str | None
    place: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    place_key: str | None  # folded place name
    actors: ActorSet
    recipients: ActorSet
    words: frozenset[str]
    fatalities: int | None


@dataclass(slots=True)
class IncidentState:
    """The matching signature of an incident: the union of its members' facts."""

    id: str
    type: str
    day_start: int
    day_end: int
    exact_days: set[int] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    # (rounded latitude, longitude) -> (latitude, longitude, geo_precision, name): one entry per spot
    places: dict[tuple[float, float], tuple[float, float, int | None, str]] = field(default_factory=dict)
    place_names: set[str] = field(default_factory=set)
    actors: ActorSet = field(default_factory=ActorSet)
    recipients: ActorSet = field(default_factory=ActorSet)
    words: set[str] = field(default_factory=set)
    roots: set[str] = field(default_factory=set)
    fatalities: set[int] = field(default_factory=set)

    def absorb(self, event: EventFacts) -> None:
        if event.days[0] != UNDATED:  # an undated copy joining a dated incident leaves its window
            self.day_start = min(self.day_start, event.days[0])
            self.day_end = max(self.day_end, event.days[1])
        if event.exact_day is not None:
            self.exact_days.add(event.exact_day)
        if event.country:
            self.countries.add(event.country)
        if event.latitude is not None and event.longitude is not None:
            spot = (round(event.latitude, 2), round(event.longitude, 2))
            known = self.places.get(spot)
            if known is None or (event.geo_precision or 9) < (known[2] or 9):
                self.places[spot] = (event.latitude, event.longitude, event.geo_precision, event.place or "")
        if event.place_key:
            self.place_names.add(event.place_key)
        self.actors.update(event.actors)
        self.recipients.update(event.recipients)
        if len(self.words) < MAX_EVIDENCE_WORDS:
            self.words |= event.words
        self.roots.add(event.root_article)
        if event.fatalities is not None:
            self.fatalities.add(event.fatalities)

    def to_json(self) -> str:
        return json.dumps({
            "exact_days": sorted(self.exact_days), "countries": sorted(self.countries),
            "places": [self.places[spot] for spot in sorted(self.places)], "place_names": sorted(self.place_names),
            "actor_keys": self.actors.keys(), "recipient_keys": self.recipients.keys(),
            "words": sorted(self.words), "roots": sorted(self.roots), "fatalities": sorted(self.fatalities),
        }, separators=(",", ":"))

    @classmethod
    def from_row(cls, incident_id: str, type_: str, day_start: int, day_end: int, state: str) -> IncidentState:
        data = json.loads(state)
        return cls(
            id=incident_id, type=type_, day_start=day_start, day_end=day_end,
            exact_days=set(data["exact_days"]), countries=set(data["countries"]),
            places={(round(p[0], 2), round(p[1], 2)): (p[0], p[1], p[2], p[3]) for p in data["places"]},
            place_names=set(data["place_names"]),
            actors=ActorSet.of(data["actor_keys"]), recipients=ActorSet.of(data["recipient_keys"]),
            words=set(data["words"]), roots=set(data["roots"]), fatalities=set(data["fatalities"]),
        )


# -- dates ---------------------------------------------------------------------------------------------

def date_interval(value: str | None) -> tuple[int, int] | None:
    """ISO day, week, month or year -> (first day, last day) as ordinals; None when unreadable."""
    if not value:
        return None
    try:
        if m := _ISO_DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3])).toordinal()
            return day, day
        if m := _ISO_WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1).toordinal()
            return monday, monday + 6
        if m := _ISO_MONTH.match(value):
            year, month = int(m[1]), int(m[2])
            first = date(year, month, 1)
            following = date(year + (month == 12), month % 12 + 1, 1)
            return first.toordinal(), following.toordinal() - 1
        if m := _ISO_YEAR.match(value):
            return date(int(m[1]), 1, 1).toordinal(), date(int(m[1]), 12, 31).toordinal()
    except ValueError:
        return None
    return None


def event_days(event_date: str | None, date_end: str | None, date_source: str | None,
               published: str | None) -> tuple[tuple[int, int], int | None] | None:
    """The window an event's date allows, and its exact day when day-precise and from the text."""
    interval = date_interval(event_date)
    if interval is not None and date_source != "publication":
        end = date_interval(date_end)
        start, stop = interval[0], max(interval[1], end[1] if end else interval[1])
        exact = start if start == stop else None
        return (start - DAY_SLACK, stop + DAY_SLACK), exact
    anchor = date_interval(published) or interval
    if anchor is None:
        return None
    lookback = PUBLICATION_LOOKBACK if interval is not None else UNDATED_LOOKBACK
    return (anchor[0] - lookback, anchor[1]), None


# -- actors ----------------------------------------------------------------------------------------------

class ActorDirectory:
    """Country and sector of stored actors, read once per id (a run touches few)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.cache: dict[str, tuple[str | None, str | None, list[str]]] = {}
        self.sets: dict[tuple[str | None, str | None], ActorSet] = {}

    def actors(self, actor_id: str | None, name: str | None) -> ActorSet:
        """Matching keys of one actor: its id, folded name and aliases, its sector, country:sector,
        and GENERIC when the name is a common noun ("gunmen", "a suicide bomber")."""
        cached = self.sets.get((actor_id, name))
        if cached is not None:
            return cached
        keys: set[str] = set()
        if name:
            keys.add(f"n:{fold(name)}")
            if name == name.lower():
                keys.add(GENERIC)
        if actor_id:
            keys.add(f"id:{actor_id}")
            country, sector, aliases = self._lookup(actor_id)
            keys.update(f"n:{fold(a)}" for a in aliases if a)
            if sector:
                keys.add(f"s:{sector}")
                if country:
                    keys.add(f"cs:{country}:{sector}")
        found = self.sets[(actor_id, name)] = ActorSet.of(keys)
        return found

    def _lookup(self, actor_id: str) -> tuple[str | None, str | None, list[str]]:
        if actor_id not in self.cache:
            row = self.conn.execute("SELECT country, sector, aliases FROM actors WHERE id = ?", (actor_id,)).fetchone()
            self.cache[actor_id] = (row[0], row[1], json.loads(row[2] or "[]")) if row else (None, None, [])
        return self.cache[actor_id]


def actor_compatibility(a: ActorSet, b: ActorSet) -> float | None:
    """1 same actor, 0.8 one name inside the other, 0.5 same country and sector, 0.3 a common-noun
    actor ("gunmen") beside any actor of a compatible sector, 0 contradicting, None when unknown."""
    if not a or not b:
        return None
    if not a.identity.isdisjoint(b.identity):
        return 1.0
    if any(x <= y or y <= x for x in a.names for y in b.names):
        return 0.8
    if not a.country_sectors.isdisjoint(b.country_sectors):
        return 0.5
    if (a.generic or b.generic) and (not a.sectors or not b.sectors or not a.sectors.isdisjoint(b.sectors)):
        return 0.3
    return 0.0


# -- matching ------------------------------------------------------------------------------------------------

def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def place_score(event: EventFacts, incident: IncidentState) -> float | None:
    """1.5 same place, 0.5 near enough, 0 unknown, None when the places cannot be one scene."""
    if event.country and incident.countries and event.country not in incident.countries:
        return None
    if event.place_key and event.place_key in incident.place_names:
        return 1.5
    if event.latitude is None or event.longitude is None or not incident.places:
        return 0.0
    best: float | None = None
    for lat, lon, precision, name in incident.places.values():
        coarser = max(event.geo_precision or 3, precision or 3)
        limit = MAX_KM_BY_PRECISION.get(coarser)
        km = haversine_km(event.latitude, event.longitude, lat, lon)
        score = 1.5 if km <= 10 else (0.5 if limit is None or km <= limit else None)
        if score == 0.5 and limit is None and gazetteer.in_other_divisions(event.place, name, event.country):
            score = None
        if score is not None and (best is None or score > best):
            best = score
    return best


def match_score(event: EventFacts, incident: IncidentState) -> float | None:
    """How well an event fits an incident; None when something contradicts."""
    if event.type != incident.type:
        return None
    if event.days[0] != UNDATED and (event.days[1] < incident.day_start or event.days[0] > incident.day_end):
        return None
    where = place_score(event, incident)
    if where is None:
        return None
    actor = actor_compatibility(event.actors, incident.actors)
    recipient = actor_compatibility(event.recipients, incident.recipients)
    if actor == 0.0 or recipient == 0.0:
        # Roles swap across reports of clashes ("A fought B" / "B fought A"): accept crossed matches.
        crossed_actor = actor_compatibility(event.actors, incident.recipients)
        crossed_recipient = actor_compatibility(event.recipients, incident.actors)
        if not crossed_actor or crossed_recipient == 0.0:
            return None
        actor, recipient = crossed_actor, crossed_recipient
    score = where + 1.5 * (actor or 0.0) + 1.5 * (recipient or 0.0)
    if event.exact_day is not None and event.exact_day in incident.exact_days:
        score += 1.0
    if event.fatalities is not None and event.fatalities in incident.fatalities:
        score += 0.5
    if event.words and incident.words:
        score += 2.0 * len(event.words & incident.words) / len(event.words | incident.words)
    if event.root_article in incident.roots:
        score += 2.0
    return score


class BlockIndex:
    """Blocks of incidents by (week, type, country): an incident sits in every week its dates
    touch, under each of its countries, under NO_COUNTRY while it has none, and under
    ANY_COUNTRY (what an event without a country searches)."""

    def __init__(self) -> None:
        self.weeks: dict[int, dict[tuple[str, str], list[IncidentState]]] = {}
        self.registered: dict[str, set[tuple[int, str]]] = {}

    def add(self, incident: IncidentState) -> None:
        keys = self.registered.setdefault(incident.id, set())
        countries = [*sorted(incident.countries), ANY_COUNTRY] if incident.countries else [NO_COUNTRY, ANY_COUNTRY]
        for week in range(incident.day_start // WEEK_DAYS, incident.day_end // WEEK_DAYS + 1):
            for country in countries:
                if (week, country) not in keys:
                    keys.add((week, country))
                    self.weeks.setdefault(week, {}).setdefault((incident.type, country), []).append(incident)

    def __contains__(self, incident_id: str) -> bool:
        return incident_id in self.registered

    def candidates(self, event: EventFacts) -> Iterator[IncidentState]:
        seen: set[str] = set()
        countries = (event.country, NO_COUNTRY) if event.country else (ANY_COUNTRY,)
        for week in range(event.days[0] // WEEK_DAYS, event.days[1] // WEEK_DAYS + 1):
            blocks = self.weeks.get(week)
            if not blocks:
                continue
            for country in countries:
                for incident in blocks.get((event.type, country), ()):
                    if incident.id not in seen:
                        seen.add(incident.id)
                        yield incident

    def drop_before(self, day: int, states: Iterable[IncidentState]) -> None:
        """Forget weeks no later event can reach, and incidents that ended before ``day``."""
        for week in [w for w in self.weeks if w < day // WEEK_DAYS]:
            del self.weeks[week]
        for state in states:
            self.registered.pop(state.id, None)


def best_incident(event: EventFacts, candidates: Iterable[IncidentState]) -> IncidentState | None:
    """The compatible incident with the highest score at or above ACCEPT_SCORE (ties: smaller id)."""
    best_score = ACCEPT_SCORE
    chosen: IncidentState | None = None
    for incident in candidates:
        score = match_score(event, incident)
        if score is None or score < best_score:
            continue
        if chosen is None or score > best_score or incident.id < chosen.id:
            best_score, chosen = score, incident
    return chosen


# -- reading new work ---------------------------------------------------------------------------------------

_PENDING_SQL = (
    "SELECT e.id, e.date, e.date_end, e.date_source, a.published"
    " FROM events e JOIN articles a ON a.id = e.article_id WHERE e.incident_id IS NULL AND e.asserted = 1"
)
_QUEUE_SQL = (
    "SELECT e.id, e.article_id, COALESCE(a.duplicate_of, a.id), e.type, e.date, e.date_end, e.date_source,"
    " a.published, e.country, e.place, e.latitude, e.longitude, e.geo_precision, e.actor_id, e.actor,"
    " e.recipient_id, e.recipient, e.evidence, e.fatalities_best, e.fatalities_low"
    " FROM resolve_queue q JOIN events e ON e.id = q.event_id JOIN articles a ON a.id = e.article_id"
    " WHERE q.pos BETWEEN ? AND ? ORDER BY q.pos"
)


def queue_pending_events(conn: sqlite3.Connection) -> list[str]:
    """Fill the temp table ``resolve_queue`` with unresolved asserted events in a deterministic
    order: by date window, then the earliest published report (it founds the incident), then id.
    Returns the ids of the events with neither an event date nor a publication date: they have
    no window to block on and are resolved apart (see ``_cluster_undated``)."""
    order: list[tuple[int, int, str, str]] = []
    undated: list[str] = []
    for event_id, event_date, date_end, date_source, published in conn.execute(_PENDING_SQL):
        days = event_days(event_date, date_end, date_source, published)
        if days is None:
            undated.append(event_id)
        else:
            order.append((days[0][0], days[0][1], published or "~", event_id))
    order.sort()
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS resolve_queue (pos INTEGER PRIMARY KEY, event_id TEXT NOT NULL)")
    conn.execute("DELETE FROM resolve_queue")
    conn.executemany("INSERT INTO resolve_queue (pos, event_id) VALUES (?, ?)",
                     ((pos, key[3]) for pos, key in enumerate(order)))
    return sorted(undated)


def queued_facts(conn: sqlite3.Connection, actors: ActorDirectory, first: int, last: int) -> list[EventFacts]:
    """The queued events at positions first..last, as matching facts."""
    return [_facts(row, actors) for row in conn.execute(_QUEUE_SQL, (first, last)).fetchall()]


def undated_facts(conn: sqlite3.Connection, actors: ActorDirectory, event_ids: Sequence[str]) -> list[EventFacts]:
    marks = ",".join("?" * len(event_ids))
    sql = _QUEUE_SQL.replace("resolve_queue q JOIN events e ON e.id = q.event_id", "events e").replace(
        "WHERE q.pos BETWEEN ? AND ? ORDER BY q.pos", f"WHERE e.id IN ({marks}) ORDER BY e.id")
    return [_facts(row, actors) for row in conn.execute(sql, list(event_ids)).fetchall()]


def _facts(row: Sequence[Any], actors: ActorDirectory) -> EventFacts:
    days = event_days(row[4], row[5], row[6], row[7])
    window, exact = days if days is not None else ((UNDATED, UNDATED), None)
    return EventFacts(
        id=row[0], article_id=row[1], root_article=row[2], type=row[3], days=window, exact_day=exact,
        country=row[8], place=row[9], latitude=row[10], longitude=row[11], geo_precision=row[12],
        place_key=fold(row[9]) if row[9] else None,
        actors=actors.actors(row[13], row[14]), recipients=actors.actors(row[15], row[16]),
        words=evidence_words(row[17]), fatalities=row[18] if row[18] is not None else row[19],
    )


def evidence_words(sentence: str | None) -> frozenset[str]:
    if not sentence:
        return frozenset()
    return frozenset(w for w in _WORD.findall(sentence.casefold()) if w not in STOP_WORDS)


def load_states(conn: sqlite3.Connection, first_day: int, last_day: int, index: BlockIndex) -> list[IncidentState]:
    """Stored incidents whose dates overlap the given days and are not in memory yet."""
    rows = conn.execute(
        "SELECT incident_id, type, day_start, day_end, state FROM incident_index WHERE day_end >= ? AND day_start <= ?",
        (first_day, last_day),
    )
    return [IncidentState.from_row(*row) for row in rows if row[0] not in index]


# -- the run ------------------------------------------------------------------------------------------------------

def resolve(conn: sqlite3.Connection) -> ResolveStats:
    """Mark near-duplicate articles, cluster new events into incidents, refresh touched incidents."""
    started = time.perf_counter()
    stats = ResolveStats()
    in_transaction = conn.in_transaction
    cache_size = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {RUN_CACHE_SIZE}")  # the LSH and event updates touch pages at random
    if not in_transaction:
        conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in HELPER_SCHEMA:
            conn.execute(statement)
        before = conn.execute("SELECT COUNT(*) FROM article_minhash").fetchone()[0] if _has_table(
            conn, "article_minhash") else 0
        duplicates = index_new_articles(conn)
        stats.articles_indexed = conn.execute("SELECT COUNT(*) FROM article_minhash").fetchone()[0] - before
        stats.duplicates = len(duplicates)
        touched = _cluster_new_events(conn, stats)
        touched |= _incidents_with_new_copies(conn)
        refresh_incidents(conn, touched)
        stats.touched = sorted(touched)
        if _has_table(conn, "article_copies"):
            conn.execute("UPDATE article_copies SET counted = 1 WHERE counted = 0")
        if not in_transaction:
            conn.execute("COMMIT")
    except BaseException:
        if not in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute(f"PRAGMA cache_size = {int(cache_size)}")
    stats.seconds = round(time.perf_counter() - started, 3)
    return stats


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None


_NEW_COPY_INCIDENTS = (  # incidents with an article (or a near duplicate of it) that gained a copy
    "WITH roots AS (SELECT DISTINCT COALESCE(a.duplicate_of, a.id) AS root FROM article_copies c"
    "  JOIN articles a ON a.id = c.article_id WHERE c.counted = 0),"
    " grp AS (SELECT root AS id FROM roots UNION SELECT a.id FROM articles a JOIN roots r ON a.duplicate_of = r.root)"
    " SELECT DISTINCT e.incident_id FROM grp JOIN events e ON e.article_id = grp.id WHERE e.incident_id IS NOT NULL"
)


def _incidents_with_new_copies(conn: sqlite3.Connection) -> set[str]:
    if not _has_table(conn, "article_copies"):
        return set()
    return {row[0] for row in conn.execute(_NEW_COPY_INCIDENTS)}


def _cluster_new_events(conn: sqlite3.Connection, stats: ResolveStats) -> set[str]:
    """Assign queued events chunk by chunk in time order. Incidents that ended before the next
    chunk's earliest window are written out and dropped, so memory follows the time span
    being resolved, not the size of the database."""
    undated = queue_pending_events(conn)
    pending = conn.execute("SELECT COUNT(*) FROM resolve_queue").fetchone()[0]
    actors = ActorDirectory(conn)
    index = BlockIndex()
    live: dict[str, IncidentState] = {}
    dirty: set[str] = set()
    touched: set[str] = set()
    created_ids: set[str] = set()
    for first in range(0, pending, CHUNK_EVENTS):
        events = queued_facts(conn, actors, first, first + CHUNK_EVENTS - 1)
        for state in load_states(conn, min(e.days[0] for e in events), max(e.days[1] for e in events), index):
            live[state.id] = state
            index.add(state)
        assignments: list[tuple[str, str]] = []
        created: list[IncidentState] = []
        for event in events:
            incident = best_incident(event, index.candidates(event))
            if incident is None:
                incident = IncidentState(id=incident_id(event.id), type=event.type,
                                         day_start=event.days[0], day_end=event.days[1])
                live[incident.id] = incident
                created.append(incident)
            incident.absorb(event)
            index.add(incident)
            assignments.append((incident.id, event.id))
            touched.add(incident.id)
            dirty.add(incident.id)
        conn.executemany("INSERT OR IGNORE INTO incidents (id, type) VALUES (?, ?)", [(s.id, s.type) for s in created])
        conn.executemany("UPDATE events SET incident_id = ? WHERE id = ?", assignments)
        stats.events_resolved += len(events)
        stats.incidents_created += len(created)
        created_ids.update(s.id for s in created)
        # events are sorted by window start: nothing later can reach an incident ending before this
        horizon = events[-1].days[0]
        finished = [s for s in live.values() if s.day_end < horizon]
        _save_states(conn, [s for s in finished if s.id in dirty])
        index.drop_before(horizon, finished)
        for state in finished:
            del live[state.id]
            dirty.discard(state.id)
    _save_states(conn, [live[i] for i in sorted(dirty)])
    conn.execute("DROP TABLE IF EXISTS temp.resolve_queue")
    for start in range(0, len(undated), CHUNK_EVENTS):
        _cluster_undated(conn, undated_facts(conn, actors, undated[start: start + CHUNK_EVENTS]),
                         stats, touched, created_ids)
    stats.incidents_updated = len(touched - created_ids)
    return touched


def _cluster_undated(conn: sqlite3.Connection, events: Sequence[EventFacts], stats: ResolveStats,
                     touched: set[str], created_ids: set[str]) -> None:
    """Events with no date at all (an undated article, no date in the text) can only be matched
    safely to what their own article and its near duplicates report: they are compared with the
    incidents of their duplicate group only (dated or not), never blocked by time."""
    by_root: dict[str, list[EventFacts]] = defaultdict(list)
    for event in events:
        by_root[event.root_article].append(event)
    assignments: list[tuple[str, str]] = []
    for root in sorted(by_root):
        group = {state.id: state for state in _undated_states_of_group(conn, root)}
        changed: dict[str, IncidentState] = {}
        for event in by_root[root]:
            incident = best_incident(event, group.values())
            if incident is None:
                incident = IncidentState(id=incident_id(event.id), type=event.type, day_start=UNDATED,
                                         day_end=UNDATED)
                conn.execute("INSERT OR IGNORE INTO incidents (id, type) VALUES (?, ?)", (incident.id, incident.type))
                created_ids.add(incident.id)
                stats.incidents_created += 1
            incident.absorb(event)
            group[incident.id] = changed[incident.id] = incident
            assignments.append((incident.id, event.id))
        touched.update(changed)
        _save_states(conn, list(changed.values()))
    conn.executemany("UPDATE events SET incident_id = ? WHERE id = ?", assignments)
    stats.events_resolved += len(events)


def _undated_states_of_group(conn: sqlite3.Connection, root: str) -> list[IncidentState]:
    """Stored incidents with a member from the near-duplicate group of ``root``."""
    rows = conn.execute(
        "SELECT x.incident_id, x.type, x.day_start, x.day_end, x.state FROM incident_index x"
        " WHERE x.incident_id IN (SELECT e.incident_id FROM events e JOIN articles a"
        " ON a.id = e.article_id WHERE (a.id = ? OR a.duplicate_of = ?) AND e.incident_id IS NOT NULL)",
        (root, root),
    )
    return [IncidentState.from_row(*row) for row in rows]


def _save_states(conn: sqlite3.Connection, states: Sequence[IncidentState]) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO incident_index (incident_id, type, day_start, day_end, state) VALUES (?, ?, ?, ?, ?)",
        [(s.id, s.type, s.day_start, s.day_end, s.to_json()) for s in states],
    )


def incident_id(founding_event_id: str) -> str:
    """Deterministic: the same founding event always gives the same incident id."""
    return content_hash("incident", founding_event_id)


# -- merged fields ---------------------------------------------------------------------------------------------------

_MEMBERS_SQL = (
    "SELECT e.incident_id, e.id, e.article_id, e.type, e.date, e.date_end, e.date_precision, e.date_source,"
    " e.place, e.country, e.latitude, e.longitude, e.geo_precision, e.actor, e.recipient,"
    " e.fatalities_low, e.fatalities_best, e.fatalities_high, a.published, a.source, a.url, a.ingested_at"
    " FROM events e JOIN articles a ON a.id = e.article_id WHERE e.incident_id IN ({marks})"
)
_MEMBER_FIELDS = ("incident_id", "id", "article_id", "type", "date", "date_end", "date_precision", "date_source",
                  "place", "country", "latitude", "longitude", "geo_precision", "actor", "recipient",
                  "fatalities_low", "fatalities_best", "fatalities_high", "published", "source", "url",
                  "ingested_at")


def refresh_incidents(conn: sqlite3.Connection, incident_ids: Iterable[str]) -> None:
    """Recompute merged fields and reported values of the given incidents from their members."""
    ids = sorted(set(incident_ids))
    for start in range(0, len(ids), REFRESH_CHUNK):
        chunk = ids[start: start + REFRESH_CHUNK]
        members: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in conn.execute(_MEMBERS_SQL.format(marks=",".join("?" * len(chunk))), chunk):
            members[row[0]].append(dict(zip(_MEMBER_FIELDS, row, strict=True)))
        groups = _duplicate_groups(conn, {r["article_id"] for rows in members.values() for r in rows})
        republished = _outlet_copies(conn, {a["article_id"] for group in groups.values() for a in group})
        merged = []
        for key in chunk:
            rows = members.get(key, [])
            if rows:
                copies = [copy for r in rows for copy in groups.get(r["article_id"], [])]
                outlets = [o for article in {c["article_id"] for c in copies} for o in republished.get(article, [])]
                merged.append(merge_incident(key, rows, copies, outlets))
        _write_incidents(conn, merged)


def _duplicate_groups(conn: sqlite3.Connection, article_ids: set[str]) -> dict[str, list[dict[str, Any]]]:
    """member article -> every article of its near-duplicate group (they add sources, not events)."""
    if not article_ids:
        return {}
    ordered = sorted(article_ids)
    marks = ",".join("?" * len(ordered))
    root_of = {r[0]: r[1] or r[0] for r in conn.execute(
        f"SELECT id, duplicate_of FROM articles WHERE id IN ({marks})", ordered)}
    roots = sorted(set(root_of.values()))
    root_marks = ",".join("?" * len(roots))
    by_root: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in conn.execute(
        "SELECT id, COALESCE(duplicate_of, id), published, source, url, ingested_at FROM articles"
        f" WHERE id IN ({root_marks}) OR duplicate_of IN ({root_marks})", [*roots, *roots],
    ):
        by_root[r[1]].append({"article_id": r[0], "published": r[2], "source": r[3], "url": r[4],
                              "ingested_at": r[5]})
    return {article: by_root.get(root, []) for article, root in root_of.items()}


def _outlet_copies(conn: sqlite3.Connection, article_ids: set[str]) -> dict[str, list[dict[str, Any]]]:
    """article -> its copies from other outlets (``article_copies``), as rows merge_incident reads."""
    if not article_ids or not _has_table(conn, "article_copies"):
        return {}
    ordered = sorted(article_ids)
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for start in range(0, len(ordered), REFRESH_CHUNK):
        part = ordered[start: start + REFRESH_CHUNK]
        for r in conn.execute("SELECT article_id, source, url, published, first_seen FROM article_copies"
                              f" WHERE article_id IN ({','.join('?' * len(part))})", part):
            by_article[r[0]].append({"article_id": r[0], "source": r[1], "url": r[2], "published": r[3],
                                     "ingested_at": r[4]})
    return by_article


@dataclass(slots=True)
class MergedIncident:
    incident: Incident
    reports: list[tuple[str, str, int, list[str], bool]]  # field, value, n_events, articles, chosen


def merge_incident(key: str, rows: Sequence[dict[str, Any]], copies: Sequence[dict[str, Any]],
                   outlets: Sequence[dict[str, Any]] = ()) -> MergedIncident:
    """Merged fields with their spread: the most precise, most corroborated date and place; the
    fatality range across sources, best = the most reported figure (ties: the latest report).

    ``copies``: the articles of the members' near-duplicate groups; ``outlets``: those articles'
    copies from other outlets (one stored article, several publications). Both add articles and
    sources, never events: n_articles counts every publication (GDELT's NumArticles)."""
    reports: list[tuple[str, str, int, list[str], bool]] = []
    dated = [r for r in rows if r["date"] and r["date_source"] != "publication"] or [r for r in rows if r["date"]]
    date_row = _most_supported(dated, "date", lambda r: PRECISION_ORDER.get(r["date_precision"] or "", 9))
    placed = [r for r in rows if r["place"] or r["country"]]
    place_row = _most_supported(placed, "place", lambda r: r["geo_precision"] if r["geo_precision"] else 9)
    actor = _most_common(r["actor"] for r in rows)
    recipient = _most_common(r["recipient"] for r in rows)
    low, best, high = _fatality_spread(rows)
    articles = {r["article_id"]: r for r in [*rows, *copies]}
    publications = [*articles.values(), *{(o["article_id"], o["source"], o["url"]): o for o in outlets}.values()]
    seen = sorted(s for s in (_seen_at(r) for r in publications) if s)
    incident = Incident(
        id=key, type=_most_common(r["type"] for r in rows) or rows[0]["type"],
        event_ids=sorted(r["id"] for r in rows), article_ids=sorted(articles),
        date=date_row["date"] if date_row else None, date_end=date_row["date_end"] if date_row else None,
        date_precision=date_row["date_precision"] if date_row else None,
        place=place_row["place"] if place_row else None, country=place_row["country"] if place_row else None,
        latitude=place_row["latitude"] if place_row else None, longitude=place_row["longitude"] if place_row else None,
        actor=actor, recipient=recipient, fatalities_low=low, fatalities_best=best, fatalities_high=high,
        n_articles=len(publications), n_sources=len({_source_of(r) for r in publications}),
        first_seen=seen[0] if seen else None, last_seen=seen[-1] if seen else None,
    )
    for name, chosen in (("date", incident.date), ("place", incident.place), ("actor", actor),
                         ("recipient", recipient), ("fatalities", None if best is None else str(best))):
        column = "fatalities_best" if name == "fatalities" else name
        reports.extend(_reported_values(rows, name, column, chosen))
    return MergedIncident(incident, reports)


def _most_supported(rows: Sequence[dict[str, Any]], column: str, precision: Any) -> dict[str, Any] | None:
    """The row whose value is most precise, then reported by most articles, then earliest value."""
    if not rows:
        return None
    support: Counter[Any] = Counter(value for value, _article in {(r[column], r["article_id"]) for r in rows})
    return min(rows, key=lambda r: (precision(r), -support[r[column]], str(r[column]), r["id"]))


def _most_common(values: Iterable[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    if not counted:
        return None
    return min(counted, key=lambda v: (-counted[v], v))


def _fatality_spread(rows: Sequence[dict[str, Any]]) -> tuple[int | None, int | None, int | None]:
    lows = [r["fatalities_low"] if r["fatalities_low"] is not None else r["fatalities_best"] for r in rows]
    highs = [r["fatalities_high"] if r["fatalities_high"] is not None else r["fatalities_best"] for r in rows]
    lows = [v for v in lows if v is not None]
    highs = [v for v in highs if v is not None]
    reported: dict[int, set[str]] = {}
    for r in rows:
        if r["fatalities_best"] is not None:
            reported.setdefault(r["fatalities_best"], set()).add(r["article_id"])
    best = None
    if reported:
        latest = {value: max(_seen_at(r) or "" for r in rows if r["fatalities_best"] == value) for value in reported}
        best = max(reported, key=lambda v: (len(reported[v]), latest[v], v))
    return (min(lows) if lows else None, best, max(highs) if highs else None)


def _reported_values(rows: Sequence[dict[str, Any]], name: str, column: str,
                     chosen: str | None) -> list[tuple[str, str, int, list[str], bool]]:
    by_value: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r[column] is not None:
            by_value[str(r[column])].append(r)
    return [(name, value, len(members), sorted({m["article_id"] for m in members}), value == chosen)
            for value, members in sorted(by_value.items())]


def _seen_at(row: dict[str, Any]) -> str | None:
    return row.get("published") or row.get("ingested_at")


def _source_of(row: dict[str, Any]) -> str:
    return source_key(row.get("source"), row.get("url"), row["article_id"])


def _write_incidents(conn: sqlite3.Connection, merged: Sequence[MergedIncident]) -> None:
    conn.executemany(
        "UPDATE incidents SET type = ?, date = ?, date_end = ?, date_precision = ?, place = ?, country = ?,"
        " latitude = ?, longitude = ?, actor = ?, recipient = ?, fatalities_low = ?, fatalities_best = ?,"
        " fatalities_high = ?, n_articles = ?, n_sources = ?, first_seen = ?, last_seen = ?, date_start = ?,"
        " date_last = ? WHERE id = ?",
        [(i.type, i.date, i.date_end, i.date_precision, i.place, i.country, i.latitude, i.longitude, i.actor,
          i.recipient, i.fatalities_low, i.fatalities_best, i.fatalities_high, i.n_articles, i.n_sources,
          i.first_seen, i.last_seen, *date_bounds(i.date, i.date_end), i.id) for i in (m.incident for m in merged)],
    )
    conn.executemany("DELETE FROM incident_reports WHERE incident_id = ?", [(m.incident.id,) for m in merged])
    conn.executemany(
        "INSERT INTO incident_reports (incident_id, field, value, n_events, n_articles, article_ids, chosen)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(m.incident.id, name, value, n_events, len(articles), json.dumps(articles), int(chosen))
         for m in merged for name, value, n_events, articles, chosen in m.reports],
    )


# -- reading incidents back -----------------------------------------------------------------------------------------

def load_incident(conn: sqlite3.Connection, key: str) -> Incident | None:
    """An incident with its member events and articles (duplicate copies included)."""
    row = conn.execute(f"SELECT {', '.join(INCIDENT_COLUMNS)} FROM incidents WHERE id = ?", (key,)).fetchone()
    if row is None:
        return None
    values = dict(zip(INCIDENT_COLUMNS, row, strict=True))
    events = [r[0] for r in conn.execute("SELECT id FROM events WHERE incident_id = ? ORDER BY id", (key,))]
    articles = sorted({r[0] for r in conn.execute(
        "SELECT DISTINCT a.id FROM articles a JOIN events e ON e.article_id = a.id OR e.article_id = a.duplicate_of"
        " WHERE e.incident_id = ?", (key,))})
    return Incident(event_ids=events, article_ids=articles, **values)


def incident_reports(conn: sqlite3.Connection, key: str) -> list[dict[str, Any]]:
    """Every value reported for an incident's date, place, actor, recipient and fatalities."""
    if not _has_table(conn, "incident_reports"):
        return []
    rows = conn.execute(
        "SELECT field, value, n_events, n_articles, article_ids, chosen FROM incident_reports"
        " WHERE incident_id = ? ORDER BY field, n_articles DESC, value", (key,))
    return [{"field": r[0], "value": r[1], "n_events": r[2], "n_articles": r[3],
             "article_ids": json.loads(r[4]), "chosen": bool(r[5])} for r in rows]


INCIDENT_COLUMNS = ("id", "type", "date", "date_end", "date_precision", "place", "country", "latitude",
                     "longitude", "actor", "recipient", "fatalities_low", "fatalities_best", "fatalities_high",
                     "n_articles", "n_sources", "first_seen", "last_seen")



def incident_rows(conn: sqlite3.Connection, incident_ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
    """The incident-level export view: merged fields plus JSON arrays of member events and
    articles (near-duplicate copies included), one dict per incident, in id order."""
    where, params = "", []
    if incident_ids is not None:
        params = sorted(set(incident_ids))
        where = f" WHERE i.id IN ({','.join('?' * len(params))})"
    columns = ", ".join(f"i.{c}" for c in INCIDENT_COLUMNS)
    sql = (
        f"SELECT {columns}, (SELECT json_group_array(e.id) FROM events e WHERE e.incident_id = i.id),"
        " (SELECT json_group_array(DISTINCT a.id) FROM events e JOIN articles a"
        "  ON a.id = e.article_id OR a.duplicate_of = e.article_id WHERE e.incident_id = i.id)"
        f" FROM incidents i{where} ORDER BY i.id"
    )
    for row in conn.execute(sql, params):
        values = dict(zip(INCIDENT_COLUMNS, row[: len(INCIDENT_COLUMNS)], strict=True))
        values["event_ids"] = sorted(json.loads(row[-2]))
        values["article_ids"] = sorted(json.loads(row[-1]))
        yield values
