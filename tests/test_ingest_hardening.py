"""Bad input as an attacker or a careless user gives it: metadata checked, stdin read like a file, honest
reasons, and a fuzz test of every reader."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.ingest import IngestError, iter_articles
from eventwire.ingest.text import check_published, normalize_published
from eventwire.model import Article

ENV = {"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
STORY = "Rebels attacked a convoy near Goma on Monday, killing three soldiers, officials said."


def read(tmp_path: Path, name: str, content: str | bytes) -> tuple[list[Article], list[IngestError]]:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    items = list(iter_articles([str(path)]))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestError)]


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


# -- metadata ----------------------------------------------------------------------------------------


def test_a_number_is_not_read_as_an_epoch_date_and_the_field_is_named(tmp_path):
    (article,), (note,) = read(tmp_path, "a.jsonl", jsonl({"text": STORY, "published": 12345}))
    assert article.published is None and note.kept and note.line == 1
    assert note.reason.startswith("published: 12345 is a number, not a date")
    assert "kept without it" in note.reason


def test_numbers_are_unix_time_when_asked(tmp_path, monkeypatch):
    assert normalize_published(1741083300, epoch=True) == "2025-03-04T10:15:00+00:00"
    monkeypatch.setenv("EVENTWIRE_EPOCH_DATES", "1")
    (article,), errors = read(tmp_path, "a.jsonl", jsonl({"text": STORY, "published": 1741083300000}))
    assert article.published == "2025-03-04T10:15:00+00:00" and errors == []


@pytest.mark.parametrize(("value", "problem"), [
    ("9999-12-31", "published: 9999-12-31 is outside the plausible window 1800-01-01 to "),
    ("1799-12-31", "published: 1799-12-31 is outside the plausible window"),
    ("2025-02-30", "published: '2025-02-30' is not a full date"),
    ("March 2025", "published: 'March 2025' is not a full date"),
    (True, "published: true is not a date"),
    (["2025-03-04"], "published: a JSON array is not a date"),
    ({"date": "2025-03-04"}, "published: a JSON object is not a date"),
])
def test_implausible_or_invalid_dates_are_left_empty_with_the_reason(value, problem):
    iso, why = check_published(value)
    assert iso is None and why is not None and why.startswith(problem)


def test_the_date_window_ends_two_days_ahead():
    today = datetime.now(UTC).date()
    assert check_published((today + timedelta(days=2)).isoformat()) == ((today + timedelta(days=2)).isoformat(), None)
    assert check_published((today + timedelta(days=3)).isoformat())[0] is None
    assert check_published("1800-01-01") == ("1800-01-01", None)


def test_wrong_types_in_text_fields_are_notes_naming_the_field(tmp_path):
    record = {"text": STORY, "url": ["https://a.example/x"], "source": {"name": "A"}, "title": 2024,
              "published": "2025-03-04"}
    (article,), notes = read(tmp_path, "a.jsonl", jsonl(record))
    assert article.url is None and article.source is None and article.title == "2024"
    assert article.published == "2025-03-04"
    assert [n.reason.split(":")[0] for n in notes] == ["url", "source"] and all(n.kept for n in notes)
    assert "[" not in (article.url or "") and "{" not in (article.source or "")


def test_front_matter_and_sidecar_dates_are_checked_too(tmp_path):
    (article,), (note,) = read(tmp_path, "a.txt", f"---\ntitle: T\npublished: 9999-12-29\n---\n{STORY}\n")
    assert article.published is None and note.reason.startswith("published: 9999-12-29 is outside")


def test_metadata_notes_are_recorded_but_the_ingest_still_succeeds(tmp_path, nlp):
    feed = tmp_path / "in.jsonl"
    feed.write_text(jsonl({"text": STORY, "published": 12345}), encoding="utf-8")
    db = tmp_path / "n.db"
    result = CliRunner().invoke(app, ["ingest", str(feed), "--db", str(db), "--workers", "1"], env=ENV)
    assert result.exit_code == 0, result.output
    assert "1 notes" in result.output
    listing = CliRunner().invoke(app, ["errors", "--db", str(db), "--format", "jsonl"], env=ENV)
    (row,) = [json.loads(line) for line in listing.stdout.splitlines()]
    assert row["reason"].startswith("published: 12345 is a number") and row["line"] == 1


# -- stdin -------------------------------------------------------------------------------------------


def test_utf16_on_stdin_is_decoded_like_a_file(tmp_path):
    data = codecs.BOM_UTF16_LE + STORY.encode("utf-16-le")
    items = list(iter_articles(["-"], stdin=io.BytesIO(data)))
    assert [type(i) for i in items] == [Article] and items[0].text == STORY and items[0].path == "-"


@pytest.mark.parametrize("command", [["ingest", "-"], ["extract", "-"]])
@pytest.mark.parametrize("data", [bytes(range(256)) * 8, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
                                  STORY.encode("utf-16-le")])
def test_binary_stdin_gets_a_reason_not_a_traceback(tmp_path, command, data):
    args = [*command, "--db", str(tmp_path / "s.db")] if command[0] == "ingest" else command
    result = CliRunner().invoke(app, args, input=data, env=ENV)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, UnicodeError)
    if command[0] == "ingest":
        from eventwire.store import Store

        with Store(tmp_path / "s.db") as store:
            assert store.rows("SELECT path, reason FROM errors") == [{"path": "-", "reason": "binary file"}]
    else:
        assert "-: binary file" in result.output


def test_notes_about_stdin_name_it_as_dash():
    data = jsonl({"text": STORY, "published": 12345}).encode()
    items = list(iter_articles(["-"], stdin=io.BytesIO(data)))
    assert [(type(i).__name__, i.path) for i in items] == [("IngestError", "-"), ("Article", "-")]


def test_gzipped_jsonl_on_stdin_is_read_like_a_file():
    data = gzip.compress(jsonl({"text": STORY}, {"text": STORY + " Again."}).encode())
    articles = [i for i in iter_articles(["-"], stdin=io.BytesIO(data)) if isinstance(i, Article)]
    assert len(articles) == 2


# -- honest reasons ----------------------------------------------------------------------------------


def test_deeply_nested_html_says_so_instead_of_no_article_text(tmp_path):
    page = "<html><body>" + "<div>" * 300 + f"<p>{STORY * 10}</p>" + "</div>" * 300 + "</body></html>"
    articles, (error,) = read(tmp_path, "deep.html", page)
    assert articles == [] and error.reason.startswith("page nested deeper than 255 levels")


def test_a_symlink_loop_and_a_broken_link_are_named_as_such(tmp_path):
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    broken = tmp_path / "broken.txt"
    os.symlink(tmp_path / "gone.txt", broken)
    items = list(iter_articles([str(loop), str(broken)]))
    assert [i.reason for i in items if isinstance(i, IngestError)] == [
        "symbolic link loop", f"broken symbolic link to {tmp_path / 'gone.txt'}: No such file or directory"]


# -- fuzz: every reader, arbitrary bytes and arbitrary JSON metadata ----------------------------------

_json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
_keys = st.sampled_from(["text", "html", "url", "link", "published", "date", "title", "headline", "source",
                         "site", "body", "raw_html", "other"])
_record = st.dictionaries(_keys, st.one_of(_json_value, st.just(STORY), st.just(f"<p>{STORY}</p>")), max_size=6)
_FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])


def _check(items: list) -> None:
    for item in items:
        assert isinstance(item, Article | IngestError)
        if isinstance(item, Article):
            assert item.text and (item.published is None or isinstance(item.published, str))
            assert all(v is None or isinstance(v, str) for v in (item.url, item.title, item.source))
        else:
            assert item.reason and isinstance(item.reason, str)


@_FUZZ
@given(data=st.binary(max_size=600), name=st.sampled_from(
    ["a.txt", "a.txt.gz", "a.jsonl", "a.jsonl.gz", "a.html", "a.htm", "a.warc", "a.warc.gz", "a.rss", "a.atom",
     "a.json", "a.dat"]))
def test_no_bytes_make_a_reader_raise(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") and data[:1] != b"\x1f" else data)
    _check(list(iter_articles([str(path)])))


@_FUZZ
@given(records=st.lists(_record, min_size=1, max_size=4))
def test_no_json_records_make_the_jsonl_reader_raise(tmp_path, records):
    path = tmp_path / "fuzz.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    _check(list(iter_articles([str(path)])))
    _check(list(iter_articles(["-"], stdin=io.BytesIO(path.read_bytes()))))


@_FUZZ
@given(title=st.text(max_size=40), date=st.text(max_size=40), body=st.text(min_size=1, max_size=200),
       kind=st.sampled_from(["rss", "atom", "html", "txt"]))
def test_no_text_in_feeds_pages_or_front_matter_makes_a_reader_raise(tmp_path, title, date, body, kind):
    from xml.sax.saxutils import escape

    t, d, b = escape(title), escape(date), escape(body)
    documents = {
        "rss": f"<rss version='2.0'><channel><item><title>{t}</title><pubDate>{d}</pubDate>"
               f"<description>{b}</description></item></channel></rss>",
        "atom": f"<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>{t}</title><published>{d}</published>"
                f"<content type='html'>{b}</content></entry></feed>",
        "html": f"<html><head><title>{t}</title><meta property='article:published_time' content='{d}'></head>"
                f"<body><article><p>{b}</p><p>{STORY}</p></article></body></html>",
        "txt": f"---\ntitle: {title.splitlines()[0] if title.strip() else 'x'}\npublished: "
               f"{date.splitlines()[0] if date.strip() else 'x'}\n---\n{body}\n",
    }
    path = tmp_path / f"fuzz.{kind}"
    path.write_text(documents[kind], encoding="utf-8", errors="surrogatepass")
    _check(list(iter_articles([str(path)])))


@_FUZZ
@given(data=st.binary(max_size=600))
def test_no_bytes_on_stdin_make_it_raise(data):
    _check(list(iter_articles(["-"], stdin=io.BytesIO(data))))
