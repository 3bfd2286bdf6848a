"""A small database for web tests, built from hand-made records (no NLP), with hostile text."""

from __future__ import annotations

from pathlib import Path

from eventwire.store import Store
from factories import sample_record

HOSTILE = (
    '<script>alert("x")</script> Rebels <img src=x onerror=alert(2)> attacked <a href="javascript:alert(3)">it</a>.'
)


def build_db(path: Path) -> Path:
    first = sample_record()
    second = sample_record("Officials from both sides met in Nairobi for talks on Friday.")
    second.events[0].type = "CONSULT"
    second.events[0].id = "evt-2"
    second.events[0].fatalities = None
    second.events[0].acled_event_type = None
    second.events[0].date = "2025-02-14"
    second.events[0].latitude, second.events[0].longitude = -1.29, 36.82
    hostile = sample_record(HOSTILE)
    hostile.article.url = "javascript:alert(4)"
    hostile.article.title = "<b onmouseover=alert(5)>title</b>"
    hostile.events[0].id = "evt-hostile"
    hostile.quotes[0].text = "<script>alert(6)</script>"
    with Store(path) as store:
        store.write([first, second, hostile])
    return path
