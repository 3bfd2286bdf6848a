from __future__ import annotations

import warnings

import pytest
from hypothesis import HealthCheck, given, settings
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
def test_no_parameters_cause_a_server_error(client, params, path):
    response = client.get(path, params=params)
    assert response.status_code in (200, 400), (path, params, response.text[:300])
