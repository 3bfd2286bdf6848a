"""The web server as an attacker or a careless user meets it: bounded integers, Host checks, safe links."""

from __future__ import annotations

import warnings
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from eventwire.cli import app as cli_app
from eventwire.web.app import MAX_COUNT, allowed_hosts, create_app
from eventwire.web.highlight import safe_link
from web_fixtures import build_db

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

HUGE = [str(2**63), str(2**64 + 1), "9" * 400, str(MAX_COUNT + 1)]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("hardening") / "web.db")


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


@pytest.mark.parametrize("value", HUGE)
@pytest.mark.parametrize("path", ["/api/events", "/events", "/", "/map"])
def test_huge_min_fatalities_is_a_400_with_the_reason(client, path, value):
    response = client.get(path, params={"min_fatalities": value})
    assert response.status_code == 400
    assert "min_fatalities" in response.text and "less than or equal to" in response.text


def test_the_largest_allowed_min_fatalities_is_answered(client):
    assert client.get("/api/events", params={"min_fatalities": MAX_COUNT}).json()["total"] == 0


@pytest.mark.parametrize("option", ["--min-fatalities", "--limit"])
def test_cli_huge_integers_are_a_usage_error_not_a_traceback(db, option):
    result = CliRunner().invoke(cli_app, ["events", "--db", str(db), option, str(2**64)],
                                env={"COLUMNS": "120", "NO_COLOR": "1"})
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output and "less than or equal to 1000000000" in result.output


# -- Host header (DNS rebinding) ----------------------------------------------------------------


@pytest.fixture(scope="module")
def local_server(db):
    return TestClient(create_app(db, hosts=allowed_hosts("127.0.0.1", ["events.example.org"])))


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost.evil.example", "", "x:y:z"])
def test_a_foreign_host_gets_400(local_server, host):
    for path in ("/api/events", "/", "/static/style.css"):
        response = local_server.get(path, headers={"Host": host})
        assert response.status_code == 400 and "host" in response.text.lower()


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000",
                                  "events.example.org", "events.example.org:443"])
def test_the_bind_address_loopback_names_and_allowed_hosts_are_answered(local_server, host):
    assert local_server.get("/api/stats", headers={"Host": host}).status_code == 200


def test_allowed_hosts_follow_the_bind_address():
    assert "192.168.1.5" in allowed_hosts("192.168.1.5")
    assert "[::1]" in allowed_hosts("::1") and "[fe80::1]" in allowed_hosts("::", ["fe80::1"])
    import socket

    assert socket.gethostname().lower() in allowed_hosts("0.0.0.0")
    assert "evil.example" not in allowed_hosts("0.0.0.0")
    assert "*" in allowed_hosts("127.0.0.1", ["*"])


def test_serve_help_documents_allow_host():
    result = CliRunner().invoke(cli_app, ["serve", "--help"], env={"COLUMNS": "120", "NO_COLOR": "1"})
    assert "--allow-host" in result.output


# -- links from article data --------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/\\evil.example", "//evil.example", "/\t/evil.example", "/\n/evil.example",
                                 "\\\\evil.example", "javascript:alert(1)", " JavaScript:alert(1)",
                                 "data:text/html,x", "/x\x00y", "https://ok.example/\r\nx"])
def test_safe_link_makes_other_site_and_script_links_inert(url):
    assert safe_link(url) == "#"


@pytest.mark.parametrize("url", ["/events/evt-1", "/actors/a?x=1", "https://example.org/a", "http://x.example"])
def test_safe_link_keeps_site_paths_and_web_links(url):
    assert safe_link(url) == url


# -- fuzz: every API parameter with unbounded integers and arbitrary text ------------------------------

_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
_value = st.one_of(_text, st.integers().map(str), st.integers(min_value=2**62).map(str),
                   st.floats(allow_nan=True).map(str))
_NAMES = ("type", "actor", "country", "since", "until", "q", "min_fatalities", "limit", "offset", "sort", "order",
          "all", "format", "incident", "name", "sector", "speaker")
_params = st.dictionaries(st.sampled_from(_NAMES), _value, max_size=6)
_ROUTES = ["/api/events", "/api/incidents", "/api/actors", "/api/quotes", "/api/stats", "/events", "/map", "/",
           "/incidents", "/quotes"]
_DETAIL = ["/api/events/", "/api/actors/", "/api/articles/", "/api/incidents/", "/events/", "/actors/",
           "/articles/", "/incidents/"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=_params, path=st.sampled_from(_ROUTES))
@example(params={"min_fatalities": str(2**63)}, path="/api/events")
@example(params={"offset": str(2**70), "limit": str(-(2**70))}, path="/api/quotes")
def test_no_parameter_value_causes_a_server_error(client, params, path):
    response = client.get(path, params=params)
    assert response.status_code in (200, 400), (path, params, response.text[:300])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ident=_text.filter(lambda s: s not in (".", "..")), path=st.sampled_from(_DETAIL))
def test_no_identifier_causes_a_server_error(client, ident, path):
    response = client.get(path + quote(ident, safe=""))
    assert response.status_code in (200, 400, 404), (path, ident, response.text[:300])
