"""Near-duplicate articles and incidents across articles (eventwire.resolve).

The corpus below was written for these tests: one market bombing told in several versions (a
wire original, a syndicated copy, a content-farm rewrite, an update with a higher toll, an
independent report), plus unrelated stories of the same type on the same day in the same
country. Events are built by hand as the extractor would code them, so the tests pin the
resolution logic, not the extraction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from eventwire.model import Actor, Article, Count, Event, Evidence, Record, content_hash
from eventwire.resolve import dedup
from eventwire.resolve.incidents import (
    ActorSet,
    actor_compatibility,
    date_interval,
    event_days,
    incident_id,
    incident_reports,
    load_incident,
    resolve,
)
from eventwire.store import Store

WIRE = (
    "MAIDUGURI, Nigeria - A suicide bomber struck a crowded cattle market in Maiduguri on Tuesday morning, "
    "killing at least 12 people and wounding 30 others, police said. The attacker detonated explosives "
    "strapped to his body near the entrance of the market as traders were setting up their stalls, "
    "according to a police spokesman. No group has claimed responsibility, but the Boko Haram insurgency "
    "has repeatedly targeted markets and mosques in the city. Emergency workers took the wounded to the "
    "state specialist hospital, where doctors said several were in critical condition."
)
REWRITE = (
    "MAIDUGURI, Nigeria - A suicide bomber hit a busy cattle market in Maiduguri on Tuesday morning, "
    "killing at least 12 people and injuring 30 others, police said. The bomber set off explosives "
    "strapped to his body near the entrance of the market while traders were setting up their stalls, "
    "according to a police spokesman. No group has claimed responsibility, but the Boko Haram insurgency "
    "has often targeted markets and mosques in the city. Rescue workers took the wounded to the "
    "state specialist hospital, where doctors said several were in critical condition."
)
UPDATE = WIRE + (
    " The death toll rose to 15 on Tuesday evening after three of the wounded died in hospital, a health "
    "official said. Soldiers sealed off the area and searched nearby neighbourhoods for accomplices."
)
INDEPENDENT = (
    "Fifteen traders and customers died when a bomber blew himself up at the Maiduguri cattle market, "
    "residents told our correspondent. Witnesses described scenes of panic as people fled the blast, "
    "abandoning goods and animals. Borno state officials blamed Boko Haram fighters for the bombing."
)
ZAMFARA = (
    "GUSAU, Nigeria - Gunmen on motorcycles raided a village in Zamfara state on Tuesday, killing eight "
    "residents and stealing cattle, a local official said. Bandit gangs have terrorised communities "
    "across the north-west for years, kidnapping villagers for ransom."
)
POLICE_SHOOTING = (
    "MAIDUGURI, Nigeria - Police opened fire on protesters demanding better security in Maiduguri on "
    "Tuesday afternoon, killing two demonstrators, an activist group said. The protesters had blocked "
    "a main road in the city centre after the morning attack."
)
PROTEST = (
    "Hundreds of residents marched through central Maiduguri on Tuesday to demand better protection from "
    "the government after the morning bombing, witnesses said."
)

MAIDUGURI = (11.8333, 13.15)
GUSAU = (12.1704, 6.6641)


@dataclass
class EventSpec:
    type: str
    trigger: str
    sentence: str
    actor: Actor | None = None
    recipient: Actor | None = None
    date: str | None = "2025-03-04"
    date_source: str = "sentence"
    place: str | None = "Maiduguri"
    coords: tuple[float, float] | None = MAIDUGURI
    killed: int | None = None
    extra: dict[str, object] = field(default_factory=dict)


BOKO_HARAM = Actor(name="Boko Haram", kind="group", country="NGA", sector="REB")
BOMBER = Actor(name="suicide bomber", kind="person", country=None, sector="REB")
CIVILIANS = Actor(name="traders", kind="group", country="NGA", sector="CVL")
GUNMEN = Actor(name="gunmen", kind="group", country="NGA", sector="REB")
VILLAGERS = Actor(name="villagers", kind="group", country="NGA", sector="CVL")
POLICE = Actor(name="Nigeria Police Force", kind="organization", country="NGA", sector="COP")
PROTESTERS = Actor(name="protesters", kind="group", country="NGA", sector="OPP")


def make_record(text: str, published: str, source: str, specs: list[EventSpec], title: str | None = None) -> Record:
    article = Article(text=text, published=published, source=source, url=f"https://{source}/story", title=title)
    actors = {a.id: a for s in specs for a in (s.actor, s.recipient) if a is not None}
    events = []
    for n, spec in enumerate(specs):
        start = text.index(spec.sentence)
        evidence = Evidence(sentence=spec.sentence, start=start, end=start + len(spec.sentence))
        events.append(Event(
            id=content_hash(article.id, "event", str(n)), type=spec.type, trigger=spec.trigger, evidence=[evidence],
            actor=spec.actor.name if spec.actor else None, actor_id=spec.actor.id if spec.actor else None,
            recipient=spec.recipient.name if spec.recipient else None,
            recipient_id=spec.recipient.id if spec.recipient else None,
            date=spec.date, date_precision="day" if spec.date else None, date_source=spec.date_source,
            place=spec.place, country="NGA", latitude=spec.coords[0] if spec.coords else None,
            longitude=spec.coords[1] if spec.coords else None, geo_precision=1 if spec.coords else None,
            fatalities=Count(low=spec.killed, best=spec.killed, high=spec.killed) if spec.killed else None,
        ))
    return Record(article=article, actors=list(actors.values()), events=events)


def bombing(sentence: str, killed: int | None, actor: Actor = BOMBER) -> EventSpec:
    return EventSpec("ASSAULT", "struck", sentence, actor=actor, recipient=CIVILIANS, killed=killed)


def corpus() -> dict[str, Record]:
    return {
        "wire": make_record(WIRE, "2025-03-04T09:10:00", "wire.example", [
            bombing(WIRE.split(", police said.")[0].split(" - ")[1] + ", police said.", 12)]),
        "copy": make_record(WIRE, "2025-03-04T11:00:00", "dailypaper.example", [
            bombing(WIRE.split(", police said.")[0].split(" - ")[1] + ", police said.", 12)],
            title="Bomber kills 12 at Maiduguri market"),
        "rewrite": make_record(REWRITE, "2025-03-04T13:00:00", "contentfarm.example", [
            bombing(REWRITE.split(", police said.")[0].split(" - ")[1] + ", police said.", 12)]),
        "update": make_record(UPDATE, "2025-03-04T20:30:00", "wire.example", [
            bombing("The death toll rose to 15 on Tuesday evening after three of the wounded died in hospital, "
                    "a health official said.", 15)]),
        "independent": make_record(INDEPENDENT, "2025-03-05", "radio.example", [
            EventSpec("ASSAULT", "blew", INDEPENDENT.split(" residents told")[0], actor=BOKO_HARAM,
                      recipient=CIVILIANS, date="2025-03-04", date_source="article", killed=15)]),
        "zamfara": make_record(ZAMFARA, "2025-03-04", "northnews.example", [
            EventSpec("ASSAULT", "raided", ZAMFARA.split(", a local official said")[0].split(" - ")[1],
                      actor=GUNMEN, recipient=VILLAGERS, place="Gusau", coords=GUSAU, killed=8)]),
        "police": make_record(POLICE_SHOOTING, "2025-03-04T18:00:00", "rights.example", [
            EventSpec("ASSAULT", "opened fire", POLICE_SHOOTING.split(", an activist")[0].split(" - ")[1],
                      actor=POLICE, recipient=PROTESTERS, killed=2)]),
        "protest": make_record(PROTEST, "2025-03-04T19:00:00", "citynews.example", [
            EventSpec("PROTEST", "marched", PROTEST, actor=PROTESTERS, recipient=None)]),
    }


def incident_of(store: Store, record: Record) -> str | None:
    row = store.conn.execute("SELECT incident_id FROM events WHERE article_id = ?", (record.article.id,)).fetchone()
    return row[0]


@pytest.fixture()
def records() -> dict[str, Record]:
    return corpus()


@pytest.fixture()
def resolved(records: dict[str, Record]) -> Store:
    store = Store(":memory:")
    store.write(records.values())
    resolve(store.conn)
    return store


# -- near duplicates ------------------------------------------------------------------------------------

def test_batch_duplicates_point_at_the_longest_dated_version(records: dict[str, Record]) -> None:
    articles = [r.article for r in records.values()]
    mapping = dedup.find_duplicates(articles)
    canonical = records["update"].article.id
    assert mapping == {records[k].article.id: canonical for k in ("wire", "copy", "rewrite")}


def test_independent_report_and_unrelated_stories_are_not_duplicates(records: dict[str, Record]) -> None:
    mapping = dedup.find_duplicates([records[k].article for k in ("wire", "independent", "zamfara", "police")])
    assert mapping == {}


def test_short_texts_are_never_called_duplicates() -> None:
    a = Article(text="Police said.")
    b = Article(text="Police said.", source="x", title="other")
    assert dedup.find_duplicates([a, b]) == {}


def test_minhash_is_deterministic_across_calls() -> None:
    first = dedup.fingerprint("a", WIRE)
    second = dedup.fingerprint("a", WIRE)
    assert (first.signature == second.signature).all()
    assert dedup.jaccard_estimate(first, dedup.fingerprint("b", REWRITE)) >= dedup.MIN_JACCARD


def test_stored_index_marks_duplicates_incrementally(records: dict[str, Record]) -> None:
    store = Store(":memory:")
    store.write([records["wire"], records["zamfara"]])
    resolve(store.conn)
    store.write([records["rewrite"], records["update"]])
    resolve(store.conn)
    rows = dict(store.conn.execute("SELECT id, duplicate_of FROM articles").fetchall())
    canonical = records["update"].article.id
    assert rows[records["wire"].article.id] == canonical
    assert rows[records["rewrite"].article.id] == canonical
    assert rows[canonical] is None
    assert rows[records["zamfara"].article.id] is None


# -- incidents -------------------------------------------------------------------------------------------

def test_one_incident_per_real_event(resolved: Store, records: dict[str, Record]) -> None:
    story = {incident_of(resolved, records[k]) for k in ("wire", "copy", "rewrite", "update", "independent")}
    assert len(story) == 1 and None not in story
    others = [incident_of(resolved, records[k]) for k in ("zamfara", "police", "protest")]
    assert len(set(others)) == 3
    assert story.isdisjoint(others)
    assert resolved.conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0] == 4


def test_merged_fields_show_the_spread_and_sources(resolved: Store, records: dict[str, Record]) -> None:
    key = incident_of(resolved, records["wire"])
    assert key is not None
    incident = load_incident(resolved.conn, key)
    assert incident is not None
    assert incident.type == "ASSAULT"
    assert (incident.fatalities_low, incident.fatalities_high) == (12, 15)
    assert incident.fatalities_best in (12, 15)
    assert incident.date == "2025-03-04" and incident.date_precision == "day"
    assert incident.place == "Maiduguri" and incident.country == "NGA"
    assert incident.n_articles == 5
    assert incident.n_sources == 4  # wire.example (twice), dailypaper, contentfarm, radio
    assert incident.first_seen == "2025-03-04T09:10:00"
    assert incident.last_seen == "2025-03-05"
    assert len(incident.event_ids) == 5
    reported = {r["value"] for r in incident_reports(resolved.conn, key) if r["field"] == "fatalities"}
    assert reported == {"12", "15"}  # conflicting figures stay visible


def test_rerun_is_a_no_op(resolved: Store) -> None:
    before = resolved.rows("SELECT id, incident_id FROM events ORDER BY id")
    stats = resolve(resolved.conn)
    assert stats.events_resolved == 0 and stats.incidents_created == 0
    assert resolved.rows("SELECT id, incident_id FROM events ORDER BY id") == before


def test_incremental_ingest_attaches_and_keeps_ids(records: dict[str, Record]) -> None:
    batch = Store(":memory:")
    batch.write(records.values())
    resolve(batch.conn)

    store = Store(":memory:")
    store.write([records["wire"], records["zamfara"]])
    first = resolve(store.conn)
    assert first.incidents_created == 2
    store.write([records[k] for k in ("rewrite", "update", "independent", "police", "protest")])
    second = resolve(store.conn)
    assert second.incidents_updated == 1 and second.incidents_created == 2
    assert incident_of(store, records["independent"]) == incident_of(store, records["wire"])
    for key in ("wire", "zamfara", "police", "protest", "independent"):
        assert incident_of(store, records[key]) == incident_of(batch, records[key])


def test_incident_id_is_a_hash_of_the_founding_event(resolved: Store, records: dict[str, Record]) -> None:
    founding = records["wire"].events[0].id
    assert incident_of(resolved, records["wire"]) == incident_id(founding)


def test_non_asserted_events_get_no_incident() -> None:
    store = Store(":memory:")
    record = make_record(ZAMFARA, "2025-03-04", "northnews.example", [
        EventSpec("ASSAULT", "raided", ZAMFARA.split(", a local official said")[0].split(" - ")[1],
                  actor=GUNMEN, recipient=VILLAGERS, place="Gusau", coords=GUSAU)])
    record.events[0].hypothetical = True
    store.write([record])
    assert resolve(store.conn).events_resolved == 0
    assert store.conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0] == 0


# -- units --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "days"), [
    ("2025-03-04", 0), ("2025-W10", 6), ("2025-02", 27), ("2024", 365), ("2025-13", None), ("soon", None),
])
def test_date_interval(value: str, days: int | None) -> None:
    interval = date_interval(value)
    assert (interval[1] - interval[0] if interval else None) == days


def test_publication_fallback_looks_back_from_publication() -> None:
    fallback = event_days("2025-03-04", None, "publication", "2025-03-04T10:00:00")
    assert fallback is not None
    (start, end), exact = fallback
    assert exact is None and end - start == 3
    from_text = event_days("2025-03-02", None, "sentence", "2025-03-04")
    assert from_text is not None
    window, exact = from_text
    assert exact is not None and window == (exact - 1, exact + 1)


@pytest.mark.parametrize(("a", "b", "expected"), [
    ({"id:1", "n:boko haram"}, {"id:1"}, 1.0),
    ({"n:taliban"}, {"n:afghan taliban"}, 0.8),
    ({"n:army", "cs:NGA:MIL"}, {"n:troops", "cs:NGA:MIL"}, 0.5),
    ({"n:police", "s:COP"}, {"n:gunmen", "s:REB", "generic"}, 0.0),
    ({"n:boko haram", "s:REB"}, {"n:gunmen", "s:REB", "generic"}, 0.3),
    ({"n:boko haram", "s:REB"}, {"n:islamic state", "s:REB"}, 0.0),
    (set(), {"n:gunmen"}, None),
])
def test_actor_compatibility(a: set[str], b: set[str], expected: float | None) -> None:
    assert actor_compatibility(ActorSet.of(a), ActorSet.of(b)) == expected


def test_small_chunks_give_the_same_incidents(records: dict[str, Record], resolved: Store,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.resolve import incidents

    monkeypatch.setattr(incidents, "CHUNK_EVENTS", 2)  # forces incidents out of memory between chunks
    store = Store(":memory:")
    store.write(records.values())
    resolve(store.conn)
    assert store.rows("SELECT id, incident_id FROM events ORDER BY id") == resolved.rows(
        "SELECT id, incident_id FROM events ORDER BY id")


def test_incident_rows_list_members(resolved: Store, records: dict[str, Record]) -> None:
    from eventwire.resolve.incidents import incident_rows

    key = incident_of(resolved, records["wire"])
    assert key is not None
    [row] = list(incident_rows(resolved.conn, [key]))
    assert len(row["event_ids"]) == 5 and len(row["article_ids"]) == 5
    assert row["fatalities_low"] == 12 and row["fatalities_high"] == 15
    assert len(list(incident_rows(resolved.conn))) == 4


def test_end_to_end_with_the_pipeline(nlp) -> None:
    """Texts in, through extraction and the store: copies are marked, stories stay apart."""
    from eventwire.pipeline import Pipeline

    pipeline = Pipeline()
    stories = {
        "wire": (WIRE, "2025-03-04T09:10:00", "wire.example"),
        "rewrite": (REWRITE, "2025-03-04T13:00:00", "contentfarm.example"),
        "update": (UPDATE, "2025-03-04T20:30:00", "wire.example"),
        "zamfara": (ZAMFARA, "2025-03-04", "northnews.example"),
    }
    records = {k: pipeline(text, published=published, source=source, title=k)
               for k, (text, published, source) in stories.items()}
    store = Store(":memory:")
    store.write(records.values())
    stats = resolve(store.conn)
    assert stats.duplicates == 2
    duplicate_of = dict(store.conn.execute("SELECT title, duplicate_of FROM articles").fetchall())
    assert duplicate_of["wire"] == duplicate_of["rewrite"] == records["update"].article.id
    members = store.conn.execute(
        "SELECT e.incident_id, group_concat(DISTINCT a.title) FROM events e JOIN articles a ON a.id = e.article_id"
        " WHERE e.incident_id IS NOT NULL GROUP BY e.incident_id").fetchall()
    for _incident, titles in members:
        assert "zamfara" not in titles.split(",") or titles == "zamfara"


def test_undated_events_join_only_their_duplicate_group() -> None:
    def undated(text: str, source: str, spec: EventSpec) -> Record:
        record = make_record(text, "2025-03-04", source, [spec])
        record.article.published = None
        record.article.id = content_hash(source, text)
        record.events[0].id = content_hash(record.article.id, "event")
        record.events[0].date = record.events[0].date_precision = record.events[0].date_source = None
        return record

    sentence = WIRE.split(", police said.")[0].split(" - ")[1] + ", police said."
    rewrite_sentence = REWRITE.split(", police said.")[0].split(" - ")[1] + ", police said."
    independent_sentence = INDEPENDENT.split(" residents told")[0]
    wire = undated(WIRE, "wire.example", bombing(sentence, 12))
    rewrite = undated(REWRITE, "contentfarm.example", bombing(rewrite_sentence, 12))
    independent = undated(INDEPENDENT, "radio.example", bombing(independent_sentence, 15))
    dated = corpus()["update"]
    store = Store(":memory:")
    store.write([dated])
    resolve(store.conn)
    store.write([wire, rewrite, independent])
    stats = resolve(store.conn)
    assert stats.events_resolved == 3 and stats.incidents_created == 1
    # undated copies of a dated story join its incident; the window stays the dated one
    assert incident_of(store, wire) == incident_of(store, rewrite) == incident_of(store, dated)
    # an undated report that is not a copy cannot be placed in time: it stays on its own
    assert incident_of(store, independent) not in (None, incident_of(store, dated))
    days = store.conn.execute("SELECT day_start FROM incident_index WHERE incident_id = ?",
                              (incident_of(store, dated),)).fetchone()[0]
    assert days > 0
