from __future__ import annotations

import warnings

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from web_fixtures import build_db

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from eventwire.web.app import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = build_db(tmp_path_factory.mktemp("web") / "web.db")
    return TestClient(create_app(db))


PAGES = ["/", "/events", "/events?all=true", "/incidents", "/quotes", "/map", "/events/evt-1"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "Content-Security-Policy" in response.headers
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_api_events_lists_and_filters(client):
    body = client.get("/api/events").json()
    assert body["total"] == 3 and {e["id"] for e in body["events"]} == {"evt-1", "evt-2", "evt-hostile"}
    assert [e["id"] for e in client.get("/api/events?type=CONSULT").json()["events"]] == ["evt-2"]
    assert client.get("/api/events?min_fatalities=3").json()["total"] == 2
    assert client.get("/api/events?since=2025-03-01&until=2025-03").json()["total"] == 2
    assert client.get("/api/events?country=COD&sort=fatalities&order=asc").json()["total"] == 3
    assert client.get("/api/events?q=Nairobi").json()["total"] == 1


def test_api_detail_endpoints(client):
    event = client.get("/api/events/evt-1").json()
    assert event["type"] == "ASSAULT" and event["evidence_spans"][0]["trigger_start"] == 7
    actor = client.get(f"/api/actors/{event['actor_id']}").json()
    assert actor["name"] == "M23" and actor["quotes"]
    article = client.get(f"/api/articles/{event['article_id']}").json()
    assert article["events"][0]["id"] == "evt-1"
    assert client.get("/api/actors?sector=REB").json()["actors"][0]["name"] == "M23"
    assert client.get("/api/quotes?q=hold").json()["quotes"]
    assert client.get("/api/incidents").json()["incidents"] == []
    assert client.get("/api/stats").json()["events"] == 3


@pytest.mark.parametrize("path", ["/api/events/nope", "/api/actors/nope", "/api/articles/nope", "/api/incidents/x"])
def test_api_missing_is_404_json(client, path):
    response = client.get(path)
    assert response.status_code == 404 and "error" in response.json()


@pytest.mark.parametrize(
    "query",
    ["type=NOPE", "since=yesterday", "until=2025-13-45x", "country=Venezuela", "limit=0", "limit=100000",
     "min_fatalities=-1", "sort=evil", "order=sideways", "offset=-5", "format=xml", "all=maybe"],
)
def test_bad_parameters_are_clear_400s(client, query):
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid parameters" and body["detail"]
    assert client.get(f"/events?{query.replace('format=xml', 'type=NOPE')}").status_code == 400


def test_downloads_follow_the_filter(client):
    csv_text = client.get("/api/events?type=ASSAULT&format=csv").text
    assert csv_text.splitlines()[0].startswith("id,") and len(csv_text.splitlines()) == 3
    lines = client.get("/api/events?type=CONSULT&format=jsonl").text.splitlines()
    assert len(lines) == 1 and '"CONSULT"' in lines[0]


def test_untrusted_text_renders_inert(client):
    event = client.get("/events/evt-hostile").text
    article_id = client.get("/api/events/evt-hostile").json()["article_id"]
    article = client.get(f"/articles/{article_id}").text
    quotes = client.get("/quotes").text
    for page in (event, article, quotes):
        assert "<script>" not in page
        assert "<img" not in page
        assert 'href="javascript:' not in page
        assert "<b onmouseover" not in page
    assert "&lt;script" in event and "&lt;img src=x onerror=alert(2)&gt;" in article


def test_openapi_schema_lists_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ["/api/events", "/api/events/{event_id}", "/api/incidents", "/api/incidents/{incident_id}",
                 "/api/actors/{actor_id}", "/api/quotes", "/api/articles/{article_id}"]:
        assert path in paths


def test_read_only(client):
    assert client.post("/api/events", json={}).status_code == 405
    assert client.delete("/api/events/evt-1").status_code == 405


_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
_params = st.fixed_dictionaries({}, optional={
    "type": _text, "actor": _text, "country": _text, "since": _text, "until": _text, "q": _text,
    "min_fatalities": st.one_of(_text, st.integers(-5, 10**12).map(str)), "limit": st.integers(-5, 10**6).map(str),
    "offset": st.integers(-5, 10**8).map(str), "sort": _text, "order": _text, "all": _text, "format": _text,
})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=_params, path=st.sampled_from(["/api/events", "/api/incidents", "/api/actors", "/api/quotes",
                                             "/events", "/map", "/"]))
@example(params={"q": "00\x00"}, path="/api/events")  # FTS5 cannot read a NUL character
@example(params={"q": "abc\x00"}, path="/api/quotes")
def test_no_parameters_cause_a_server_error(client, params, path):
    response = client.get(path, params=params)
    assert response.status_code in (200, 400), (path, params, response.text[:300])


# -- big-data query paths (capped counts, rollups, index-driven pages); bench/bench_web.py times them --


def test_counts_are_capped_and_say_so(client, monkeypatch):
    from eventwire import queries

    assert client.get("/api/events").json()["total_exact"] is True
    monkeypatch.setattr(queries, "COUNT_CAP", 2)
    body = client.get("/api/events").json()
    assert body["total"] == 2 and body["total_exact"] is False and len(body["events"]) == 3
    first = client.get("/events?limit=1").text
    assert "2+</small>" in first and 'rel="next"' in first
    last = client.get("/events?limit=1&offset=2").text
    assert 'rel="next"' not in last and 'rel="prev"' in last


def test_text_filter_is_a_case_insensitive_substring(client):
    assert client.get("/api/events?q=airob").json()["total"] == 1
    assert client.get("/api/events?q=NAIROBI").json()["total"] == 1
    assert client.get("/api/events?q=on").json()["total"] == 3  # under 3 characters: LIKE, no trigram
    assert client.get("/api/events?q=zzzz").json()["total"] == 0


def test_actor_filter_by_id_name_or_alias_in_either_plan(client, monkeypatch):
    from eventwire import queries

    actor_id = client.get("/api/events/evt-1").json()["actor_id"]
    by_id = {e["id"] for e in client.get(f"/api/events?actor={actor_id}").json()["events"]}
    by_alias = {e["id"] for e in client.get("/api/events?actor=m23 reb").json()["events"]}
    assert by_id == by_alias == {"evt-1", "evt-2", "evt-hostile"}
    assert {e["id"] for e in client.get("/api/events?actor=civil").json()["events"]} == by_id  # as recipient
    monkeypatch.setattr(queries, "DENSE", 0)  # every broad filter takes the walk-the-order plan
    assert {e["id"] for e in client.get("/api/events?actor=m23 reb").json()["events"]} == by_id
    assert client.get("/api/events?q=airob").json()["total"] == 1
    assert client.get("/api/events?actor=nobody-at-all").json()["total"] == 0


def test_ascending_sort_puts_missing_values_last_across_pages(client):
    ids = [e["id"] for e in client.get("/api/events?sort=fatalities&order=asc").json()["events"]]
    assert ids[-1] == "evt-2"  # no fatalities
    paged = [client.get(f"/api/events?sort=fatalities&order=asc&limit=1&offset={i}").json()["events"][0]["id"]
             for i in range(3)]
    assert paged == ids


def test_filtered_overview_says_it_is_sampled(client, monkeypatch):
    from eventwire import queries

    assert "most recent matching events" not in client.get("/?country=COD").text
    monkeypatch.setattr(queries, "OVERVIEW_SAMPLE", 1)
    assert "1 most recent matching events" in client.get("/?country=COD").text


def test_rollups_and_counts_follow_writes_and_deletes(tmp_path):
    import sqlite3

    from eventwire import queries
    from eventwire.store import Store

    db = build_db(tmp_path / "rollup.db")
    with Store(db) as store:
        conn = store.conn

        def direct(f: queries.EventFilter) -> dict:
            where = "1" if f.include_all else "asserted = 1"
            timeline = conn.execute(f"SELECT substr(date_start, 1, 7), type, COUNT(*) FROM events WHERE {where}"
                                    " AND date_start IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2").fetchall()
            actors = conn.execute(f"SELECT actor_id, COUNT(*) FROM events WHERE {where} AND actor_id IS NOT NULL"
                                  " GROUP BY 1 ORDER BY 2 DESC").fetchall()
            return {"timeline": [tuple(r) for r in timeline], "actors": [tuple(r) for r in actors]}

        def rolled(f: queries.EventFilter) -> dict:
            data = queries.overview(conn, f)
            return {"timeline": [(t["bucket"], t["type"], t["n"]) for t in data["timeline"]],
                    "actors": [(a["id"], a["n"]) for a in data["top_actors"]]}

        def exact_counts() -> dict:
            counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                      for t in ("articles", "events", "incidents", "actors", "places", "quotes")}
            counts["asserted_events"] = conn.execute("SELECT COUNT(*) FROM events WHERE asserted = 1").fetchone()[0]
            return counts

        for f in (queries.EventFilter(), queries.EventFilter(include_all=True)):
            assert rolled(f) == direct(f) and rolled(f)["timeline"]
        assert queries.table_counts(conn) == exact_counts()
        conn.execute("UPDATE events SET date = '2024-W49', date_start = '2024-12-02', date_last = '2024-12-08',"
                     " asserted = 0 WHERE id = 'evt-2'")
        conn.execute("DELETE FROM articles WHERE id = (SELECT article_id FROM events WHERE id = 'evt-1')")
        for f in (queries.EventFilter(), queries.EventFilter(include_all=True)):
            assert rolled(f) == direct(f)
        assert queries.table_counts(conn) == exact_counts()
        listed = {a["id"]: a["n_events"] for a in queries.actors(conn)}
        for actor_id, n in listed.items():
            assert n == conn.execute("SELECT COUNT(*) FROM events WHERE ? IN (actor_id, recipient_id)",
                                     (actor_id,)).fetchone()[0]
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM events_fts WHERE events_fts MATCH 'Nairobi'"
                                       ).fetchone()[0] == 1


# -- other outlets of one article ("Also published by") and the sources behind an incident ---------------


@pytest.fixture(scope="module")
def outlets(tmp_path_factory):
    from eventwire.resolve.incidents import resolve
    from eventwire.store import ArticleCopy, Store
    from factories import sample_record

    record = sample_record()
    path = tmp_path_factory.mktemp("outlets") / "outlets.db"
    with Store(path) as store:
        store.write([record])
        store.record_copies([
            ArticleCopy(record.article.id, "Second <b>Wire</b>", "https://second.example/goma", "2025-03-05"),
            ArticleCopy(record.article.id, "Hostile", "javascript:alert(7)"),
        ])
        resolve(store.conn)
        incident_id = store.conn.execute("SELECT incident_id FROM events").fetchone()[0]
    return TestClient(create_app(path)), record.article.id, incident_id


def test_article_page_lists_the_other_outlets_escaped(outlets):
    client, article_id, _ = outlets
    page = client.get(f"/articles/{article_id}").text
    assert "Also published by" in page and "3 sources published this article" in page
    assert '<a rel="noopener noreferrer" href="https://second.example/goma">Second &lt;b&gt;Wire&lt;/b&gt;</a>' in page
    assert "<b>Wire" not in page and 'href="javascript:' not in page
    assert '<a rel="noopener noreferrer" href="#">Hostile</a>' in page


def test_article_api_gives_copies_and_source_count(outlets):
    client, article_id, _ = outlets
    body = client.get(f"/api/articles/{article_id}").json()
    assert body["n_sources"] == 3 and len(body["events"]) == 1
    assert [(c["source"], c["url"]) for c in body["copies"]] == [
        ("Second <b>Wire</b>", "https://second.example/goma"), ("Hostile", "javascript:alert(7)")]


def test_an_article_without_copies_lists_none(client):
    article_id = client.get("/api/events/evt-1").json()["article_id"]
    assert "Also published by" not in client.get(f"/articles/{article_id}").text
    body = client.get(f"/api/articles/{article_id}").json()
    assert body["copies"] == [] and body["n_sources"] == 1


def test_incident_page_and_api_count_distinct_sources(outlets):
    client, article_id, incident_id = outlets
    body = client.get(f"/api/incidents/{incident_id}").json()
    assert body["n_sources"] == 3 and body["n_articles"] == 3 and len(body["events"]) == 1
    assert [o["is_copy"] for o in body["outlets"]] == [False, True, True]
    assert {o["article_id"] for o in body["outlets"]} == {article_id}
    assert client.get("/api/incidents").json()["incidents"][0]["n_sources"] == 3
    page = client.get(f"/incidents/{incident_id}").text
    assert "3 articles from 3 sources" in page and "Published by" in page
    assert 'href="https://second.example/goma"' in page and 'href="javascript:' not in page
    assert "Second &lt;b&gt;Wire&lt;/b&gt;" in page
    assert page.count("copy of <a href") == 2  # the stored article itself is not called a copy
