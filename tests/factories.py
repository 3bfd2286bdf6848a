"""Hand-built records for store and export tests (no NLP involved)."""

from __future__ import annotations

from eventwire.model import Actor, Article, Count, Event, Evidence, Mention, Place, Quote, Record, TimeExpr


def sample_record(text: str = "Rebels shelled the town of Goma on Monday, killing three civilians.") -> Record:
    article = Article(text=text, url="https://example.org/a", source="example.org", published="2025-03-04")
    rebels = Actor(name="M23", kind="group", sector="REB", aliases=["M23 rebels"],
                   mentions=[Mention("Rebels", 0, 6)])
    civilians = Actor(name="civilians", kind="group", sector="CVL", mentions=[Mention("civilians", 56, 65)])
    goma = Place(text="Goma", start=29, end=33, name="Goma", kind="city", country="COD",
                 latitude=-1.68, longitude=29.22, gazetteer_id="geonames:215605", geo_precision=1)
    monday = TimeExpr(text="Monday", start=37, end=43, value="2025-03-03", precision="day",
                      anchor="2025-03-04", anchor_kind="publication")
    event = Event(
        type="ASSAULT", trigger="shelled", mode="shelling",
        evidence=[Evidence(sentence=text, start=0, end=len(text), trigger_start=7, trigger_end=14)],
        actor=rebels.name, actor_id=rebels.id, actor_text="Rebels", recipient=civilians.name,
        recipient_id=civilians.id, date="2025-03-03", date_precision="day", date_source="sentence",
        place="Goma", country="COD", latitude=-1.68, longitude=29.22, geo_precision=1, place_source="sentence",
        fatalities=Count(low=3, best=3, high=3, text="three"), acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Shelling/artillery/missile attack", cameo_root="19", plover_quad="material conflict",
        plover_score=-10.0, confidence=0.8, id="evt-1",
    )
    quote = Quote(text="We will hold the town", start=0, end=5, direct=True, speaker=rebels.name,
                  speaker_id=rebels.id, speaker_text="Rebels", speaker_kind="organization", cue="said", id="q-1")
    return Record(article=article, timexes=[monday], places=[goma], actors=[rebels, civilians],
                  quotes=[quote], events=[event], anchor="2025-03-04", anchor_kind="publication")


def extract_events(nlp, text: str, published: str = "2026-01-02") -> list[Event]:
    """The events the pipeline extracts from ``text`` (an integration helper for sentence tests)."""
    from eventwire.pipeline import extract

    article = Article(text=text, published=published)
    return extract(nlp(article.analysis_text()), article).events
