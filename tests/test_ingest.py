"""Ingest readers: text, JSONL, HTML, expansion of paths, stdin, and bad input that never stops a batch."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

import pytest

import eventwire.ingest as ingest
from eventwire.ingest import IngestError, iter_articles, sniff_kind
from eventwire.ingest.html import extract_html
from eventwire.ingest.text import host_source, normalize_published, split_front_matter
from eventwire.model import Article

STORY = (
    "Protesters gathered outside the parliament building in the capital on Tuesday morning.\n"
    "Police said about two hundred people took part and that the march ended peacefully by noon.\n"
    "Organizers said they would return next week if the bill was not withdrawn."
)

PARAGRAPHS = [
    "Heavy rain caused the river to burst its banks overnight, flooding dozens of homes in the "
    "lower town and forcing the closure of the main road bridge for most of Wednesday.",
    "The regional fire service said crews evacuated forty residents by boat before dawn, and that "
    "no injuries had been reported by the time the water began to recede in the afternoon.",
    "The mayor told reporters the council would open two shelters in school halls and asked "
    "people living near the embankment to stay with relatives until engineers inspect it.",
    "Forecasters expect a further band of rain to reach the valley on Friday, although they said "
    "the totals should be lower than those recorded earlier in the week across the district.",
]


def news_page(*, comments: bool = False, body: list[str] | None = None) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in (body or PARAGRAPHS))
    comment_block = (
        '<div id="comments" class="comments"><h3>Reader comments</h3>'
        '<div class="comment"><p>Typical council, always too late, nobody ever listens to us here.</p></div>'
        '<div class="comment"><p>My cousin lives there and says the water reached the windows.</p></div>'
        "</div>"
        if comments
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>River floods lower town | Valley Gazette</title>
<meta property="og:title" content="River floods lower town">
<meta property="article:published_time" content="2025-03-05T08:30:00+00:00">
<link rel="canonical" href="https://www.valley-gazette.example/news/river-floods">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>River floods lower town</h1>
{paragraphs}
</article>
{comment_block}
<footer><p>Valley Gazette, 1 Market Square</p></footer>
</body></html>"""


def collect(paths: list[str], stdin: TextIO | None = None) -> tuple[list[Article], list[IngestError]]:
    articles: list[Article] = []
    errors: list[IngestError] = []
    for item in iter_articles(paths, stdin=stdin):
        (errors if isinstance(item, IngestError) else articles).append(item)  # type: ignore[arg-type]
    return articles, errors


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- plain text ---------------------------------------------------------------------------------


def test_plain_text_file_is_one_cleaned_article(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", STORY + "\nAdvertisement\n")
    articles, errors = collect([str(path)])
    assert errors == []
    (article,) = articles
    assert article.text == STORY
    assert article.removed == ["Advertisement"]
    assert article.path == str(path)
    assert article.url is None and article.source is None and article.published is None


def test_front_matter_sets_metadata(tmp_path: Path) -> None:
    text = (
        "---\ntitle: March at parliament\nurl: https://www.example-news.org/a/1\n"
        'published: "March 4, 2025"\n---\n' + STORY
    )
    (article,), _ = collect([str(write(tmp_path / "a.txt", text))])
    assert article.title == "March at parliament"
    assert article.url == "https://www.example-news.org/a/1"
    assert article.source == "example-news.org"  # host of the URL when no source is given
    assert article.published == "2025-03-04"
    assert article.text == STORY


def test_horizontal_rule_is_not_front_matter() -> None:
    text = "---\nA line of prose, not a key.\n---\nMore prose."
    assert split_front_matter(text) == ({}, text)


def test_sidecar_json_gives_metadata_and_front_matter_wins(tmp_path: Path) -> None:
    write(tmp_path / "b.json", json.dumps({"title": "Sidecar title", "source": "Wire", "date": "2024-12-31"}))
    write(tmp_path / "b.txt", "---\ntitle: Front title\n---\n" + STORY)
    (article,), errors = collect([str(tmp_path / "b.txt")])
    assert errors == []
    assert (article.title, article.source, article.published) == ("Front title", "Wire", "2024-12-31")


def test_broken_sidecar_is_reported_and_article_still_read(tmp_path: Path) -> None:
    write(tmp_path / "c.json", "{not json")
    write(tmp_path / "c.txt", STORY)
    articles, errors = collect([str(tmp_path / "c.txt")])
    assert len(articles) == 1
    assert len(errors) == 1 and "sidecar" in errors[0].reason


def test_gzipped_text_and_legacy_encoding(tmp_path: Path) -> None:
    (tmp_path / "d.txt.gz").write_bytes(gzip.compress(STORY.encode("utf-8")))
    (tmp_path / "e.txt").write_bytes(
        "Le café du marché a rouvert mardi après trois semaines de travaux.".encode("cp1252")
    )
    articles, errors = collect([str(tmp_path / "d.txt.gz"), str(tmp_path / "e.txt")])
    assert errors == []
    assert articles[0].text == STORY
    assert "café" in articles[1].text and "marché" in articles[1].text


# --- JSONL ---------------------------------------------------------------------------------------


def test_jsonl_records_text_and_html(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": STORY, "url": "https://news.example.com/x", "published": "2025-01-02T10:00:00Z"}),
        "",
        json.dumps({"html": news_page(), "source": "Gazette"}),
    ]
    articles, errors = collect([str(write(tmp_path / "batch.jsonl", "\n".join(lines)))])
    assert errors == []
    first, second = articles
    assert first.text == STORY
    assert first.source == "news.example.com"
    assert first.published == "2025-01-02T10:00:00+00:00"
    assert "forty residents" in second.text
    assert second.source == "Gazette"  # the record's own field wins over the page
    assert second.title == "River floods lower town"
    assert second.published == "2025-03-05"


def test_jsonl_bad_lines_are_errors_with_line_numbers(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": STORY}),
        "{this is not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no body"}),
        json.dumps({"text": "Advertisement"}),
        json.dumps({"text": STORY + " Again."}),
    ]
    articles, errors = collect([str(write(tmp_path / "mixed.jsonl", "\n".join(lines)))])
    assert len(articles) == 2
    assert [(e.line, e.reason.split(":")[0]) for e in errors] == [
        (2, "invalid JSON"),
        (3, "not a JSON object"),
        (4, "no text or html field"),
        (5, "no article text"),
    ]


def test_jsonl_gz_and_overlong_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "SIZE_CAP", 2000)
    lines = [json.dumps({"text": STORY}), json.dumps({"text": "x " * 5000}), json.dumps({"text": STORY + " Two."})]
    (tmp_path / "big.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode()))
    articles, errors = collect([str(tmp_path / "big.jsonl.gz")])
    assert len(articles) == 2
    assert errors[0].line == 2 and errors[0].reason.startswith("line too large")


# --- HTML ----------------------------------------------------------------------------------------


def test_extract_html_text_and_metadata() -> None:
    page = extract_html(news_page().encode("utf-8"))
    assert "forty residents" in page.text and "Forecasters expect" in page.text
    assert "Home" not in page.text.split("\n")  # navigation is not body text
    assert page.title == "River floods lower town"
    assert page.published == "2025-03-05"
    assert page.url == "https://www.valley-gazette.example/news/river-floods"
    assert page.source == "valley-gazette.example"
    assert page.comments_removed is False


def test_extract_html_drops_reader_comments() -> None:
    page = extract_html(news_page(comments=True), url="https://valley.example/x")
    assert page.comments_removed is True
    assert "Typical council" not in page.text
    assert "forty residents" in page.text
    assert page.url == "https://valley.example/x"  # the given URL wins over the canonical link


def test_extract_html_of_non_html_is_empty() -> None:
    assert extract_html(b"").text == ""
    assert extract_html("just a sentence").text == ""


def test_html_file_and_truncated_page_keep_the_text_there(tmp_path: Path) -> None:
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(news_page().encode()))
    whole = news_page()
    cut = whole[: whole.index("The mayor told")]  # truncated in the middle of the article
    write(tmp_path / "cut.html", cut)
    articles, errors = collect([str(tmp_path / "page.html.gz"), str(tmp_path / "cut.html")])
    assert errors == []
    assert articles[0].published == "2025-03-05" and "Forecasters expect" in articles[0].text
    assert "forty residents" in articles[1].text and "mayor" not in articles[1].text


# --- expansion and stdin -------------------------------------------------------------------------


def test_directories_expand_recursively_sorted_known_extensions_only(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", STORY + " B.")
    write(tmp_path / "a.txt", STORY + " A.")
    write(tmp_path / "sub" / "c.jsonl", json.dumps({"text": STORY + " C."}))
    write(tmp_path / "a.json", json.dumps({"title": "sidecar of a"}))
    write(tmp_path / "notes.csv", "x,y")
    write(tmp_path / ".hidden.txt", STORY)
    write(tmp_path / ".cache" / "d.txt", STORY)
    articles, errors = collect([str(tmp_path)])
    assert errors == []
    assert [Path(a.path or "").name for a in articles] == ["a.txt", "b.txt", "c.jsonl"]
    assert articles[0].title == "sidecar of a"


def test_glob_and_unmatched_glob(tmp_path: Path) -> None:
    write(tmp_path / "x1.txt", STORY)
    write(tmp_path / "x2.txt", STORY + " Second.")
    articles, errors = collect([str(tmp_path / "x*.txt"), str(tmp_path / "nothing*.txt")])
    assert len(articles) == 2
    assert errors == [IngestError(str(tmp_path / "nothing*.txt"), "no files match the pattern")]


def test_unknown_extension_named_explicitly_is_sniffed(tmp_path: Path) -> None:
    write(tmp_path / "page.dat", news_page())
    write(tmp_path / "lines.dump", json.dumps({"text": STORY}))
    articles, errors = collect([str(tmp_path / "page.dat"), str(tmp_path / "lines.dump")])
    assert errors == [] and len(articles) == 2
    assert sniff_kind(b"WARC/1.0\r\n") == "warc"
    assert sniff_kind(b'<?xml version="1.0"?><rss version="2.0">') == "feed"
    assert sniff_kind(b"Plain words") == "text"


def test_stdin_jsonl_and_stdin_text() -> None:
    jsonl = io.StringIO(json.dumps({"text": STORY}) + "\n\n" + json.dumps({"text": STORY + " More."}) + "\n")
    articles, errors = collect(["-"], stdin=jsonl)
    assert errors == [] and len(articles) == 2 and articles[0].path == "-"
    mixed = io.StringIO(json.dumps({"text": "a JSON line"}) + "\nthen plain prose follows.\n")
    (article,), errors = collect(["-"], stdin=mixed)  # JSONL as a file would be: the bad line is an error
    assert article.text == "a JSON line"
    assert errors == [IngestError("-", "invalid JSON: Expecting value at column 1", 2)]
    assert collect(["-"], stdin=io.StringIO("\n \n"))[1] == [IngestError("-", "empty input")]


def test_stdin_html_page_and_undecodable_stdin() -> None:
    (article,), errors = collect(["-"], stdin=io.StringIO(news_page()))
    assert errors == [] and "forty residents" in article.text and article.title == "River floods lower town"
    latin1 = io.TextIOWrapper(io.BytesIO(b"Caf\xe9 owners protested in Goma on Monday.\n"), encoding="utf-8")
    (article,), errors = collect(["-"], stdin=latin1)  # decoded as a file would be
    assert errors == [] and article.text.startswith("Café owners")
    binary = io.TextIOWrapper(io.BytesIO(bytes(range(256)) * 4), encoding="utf-8")
    assert collect(["-"], stdin=binary) == ([], [IngestError("-", "binary file")])


# URLs are fetched (issue 20): tests/test_watch.py reads them from a loopback server.


# --- bad input never stops a batch ---------------------------------------------------------------


def test_bad_input_corpus_is_reported_and_good_files_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = [
        write(tmp_path / "good1.txt", STORY),
        write(tmp_path / "good2.html", news_page()),
        write(tmp_path / "good3.jsonl", json.dumps({"text": STORY + " Three."}) + "\n{bad json\n"),
    ]
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "undecodable.txt").write_bytes(bytes(range(128, 256)) * 10)
    write(tmp_path / "truncated.html", "<html><head><title>Cut short</title><meta name=")
    with (tmp_path / "huge.html").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    missing = str(tmp_path / "missing.txt")

    articles, errors = collect([str(tmp_path), missing])

    assert sorted(Path(a.path or "").name for a in articles) == sorted(p.name for p in good)
    reasons = {Path(e.path).name: (e.reason, e.line) for e in errors}
    assert reasons["empty.txt"] == ("empty file", None)
    assert reasons["binary.txt"] == ("binary file", None)
    assert reasons["undecodable.txt"][0].startswith("undecodable bytes")
    assert reasons["truncated.html"] == ("no article text", None)
    assert reasons["huge.html"] == ("file too large: 50.0 MB > 20 MB cap", None)
    assert reasons["good3.jsonl"][0].startswith("invalid JSON") and reasons["good3.jsonl"][1] == 2
    assert reasons["missing.txt"] == ("no such file or directory", None)
    assert len(errors) == 7

    monkeypatch.setattr(ingest, "SIZE_CAP", 100)
    _, errors = collect([str(good[0])])
    assert errors[0].reason.startswith("file too large")


def test_a_reader_crash_is_an_error_not_an_exception(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Path, max_bytes: int) -> Iterator[Article | IngestError]:
        raise RuntimeError("parser exploded")
        yield  # pragma: no cover

    monkeypatch.setattr(ingest, "_reader", lambda kind: broken)
    write(tmp_path / "x.txt", STORY)
    _, errors = collect([str(tmp_path / "x.txt")])
    assert errors == [IngestError(str(tmp_path / "x.txt"), "text reader failed: RuntimeError: parser exploded")]


# --- helpers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2025-03-04", "2025-03-04"),
        ("2025-03-04T10:15:00Z", "2025-03-04T10:15:00+00:00"),
        ("2025-03-04 10:15", "2025-03-04T10:15:00"),
        ("Tue, 04 Mar 2025 10:15:00 GMT", "2025-03-04T10:15:00+00:00"),
        ("4 March 2025", "2025-03-04"),
        ("March 2025", None),  # no day: not invented
        ("yesterday-ish", None),
        ("2025-02-30", None),
        (1741083300, None),  # a number is not read as Unix time unless asked (EVENTWIRE_EPOCH_DATES)
        ("", None),
        (None, None),
    ],
)
def test_normalize_published(given: object, expected: str | None) -> None:
    assert normalize_published(given) == expected


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.bbc.co.uk/news/world-1", "bbc.co.uk"),
        ("http://Reuters.com/a", "reuters.com"),
        ("apnews.com/article/x", "apnews.com"),
        ("not a url", None),
        (None, None),
    ],
)
def test_host_source(url: str | None, host: str | None) -> None:
    assert host_source(url) == host


# --- WARC and feeds ------------------------------------------------------------------------------


def write_warc(path: Path, pages: list[tuple[str, str, bytes, str]]) -> None:
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders

    with path.open("wb") as stream:
        writer = warcio.WARCWriter(stream, gzip=path.suffix == ".gz")
        for url, status, payload, content_type in pages:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers)
            writer.write_record(record)


def test_warc_html_responses_become_articles(tmp_path: Path) -> None:
    write_warc(
        tmp_path / "crawl.warc.gz",
        [
            ("https://www.valley.example/flood", "200 OK", news_page().encode("utf-8"), "text/html; charset=utf-8"),
            ("https://www.valley.example/logo.png", "200 OK", b"\x89PNG....", "image/png"),
            ("https://www.valley.example/old", "301 Moved Permanently", b"", "text/html"),
            (
                "https://www.valley.example/empty",
                "200 OK",
                b"<html><head><title>Empty</title></head><body><script>var a = 1;</script></body></html>",
                "text/html",
            ),
            ("https://www.valley.example/notes.txt", "200 OK", STORY.encode(), "text/plain"),
        ],
    )
    articles, errors = collect([str(tmp_path)])
    assert [a.url for a in articles] == ["https://www.valley.example/flood", "https://www.valley.example/notes.txt"]
    assert articles[0].source == "valley.example" and "forty residents" in articles[0].text
    assert articles[0].published == "2025-03-05"  # from the page, not the crawl date
    assert articles[1].text == STORY
    assert len(errors) == 1 and errors[0].line == 4
    assert errors[0].reason == "no article text (https://www.valley.example/empty)"


def test_truncated_warc_keeps_what_was_read(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc"
    write_warc(
        whole,
        [
            ("https://a.example/1", "200 OK", news_page().encode(), "text/html"),
            ("https://a.example/2", "200 OK", news_page(body=PARAGRAPHS[:3]).encode(), "text/html"),
        ],
    )
    data = whole.read_bytes()
    (tmp_path / "cut.warc").write_bytes(data[: len(data) - 900])
    articles, errors = collect([str(tmp_path / "cut.warc")])
    assert [a.url for a in articles] == ["https://a.example/1"]
    assert len(errors) == 1


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Valley Gazette</title>
<item><title>River floods lower town</title><link>https://www.valley.example/flood</link>
<pubDate>Wed, 05 Mar 2025 08:30:00 GMT</pubDate>
<description>Short summary only.</description>
<content:encoded><![CDATA[<p>Heavy rain caused the river to burst its banks.</p><p>Forty residents were evacuated.</p>
<script>track()</script>]]></content:encoded></item>
<item><title>Headline only</title><link>https://www.valley.example/empty</link></item>
<item><title>Summary item</title><description>&lt;p&gt;Schools reopen on Monday.&lt;/p&gt;</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>Talks resume</title><link rel="alternate" href="https://wire.example/talks"/>
<published>2025-02-01T12:00:00Z</published><updated>2025-02-02T09:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Negotiators met again in Geneva.</p>
<p>No statement was issued.</p></div></content></entry>
<entry><title>Undated</title><updated>2025-02-03T09:00:00Z</updated><summary>Only an update time.</summary></entry>
</feed>"""


def test_rss_and_atom_items_become_articles(tmp_path: Path) -> None:
    write(tmp_path / "news.rss", RSS)
    write(tmp_path / "wire.atom", ATOM)
    articles, errors = collect([str(tmp_path / "news.rss"), str(tmp_path / "wire.atom")])
    flood, schools, talks, undated = articles
    assert flood.text == "Heavy rain caused the river to burst its banks.\nForty residents were evacuated."
    assert (flood.title, flood.url, flood.source) == (
        "River floods lower town",
        "https://www.valley.example/flood",
        "valley.example",
    )
    assert flood.published == "2025-03-05T08:30:00+00:00"
    assert schools.text == "Schools reopen on Monday."
    assert talks.text == "Negotiators met again in Geneva.\nNo statement was issued."
    assert talks.published == "2025-02-01T12:00:00+00:00" and talks.url == "https://wire.example/talks"
    assert undated.published is None  # an update time is not a publication date
    assert errors == [IngestError(str(tmp_path / "news.rss"), "feed item without content", 2)]


def test_json_file_named_explicitly(tmp_path: Path) -> None:
    write(tmp_path / "one.json", json.dumps({"text": STORY, "title": "One"}, indent=2))
    write(tmp_path / "many.json", json.dumps([{"text": STORY + " A."}, 7, {"text": STORY + " B."}], indent=2))
    articles, errors = collect([str(tmp_path / "one.json"), str(tmp_path / "many.json")])
    assert [a.title for a in articles] == ["One", None, None]
    assert errors == [IngestError(str(tmp_path / "many.json"), "not a JSON object: int", 2)]
    assert collect([str(tmp_path)]) == ([], [])  # in a directory, .json files are sidecars


def test_story_split_into_sibling_body_containers_is_joined() -> None:
    parts = "".join(
        f'<div class="body article__body"><p>{p}</p></div><div class="ad-row"><span>Advertisement</span></div>'
        for p in PARAGRAPHS
    )
    html = (
        "<html><head><title>Split story</title></head><body>"
        f"<main>{parts}</main><footer><p>Site footer</p></footer></body></html>"
    )
    page = extract_html(html)
    assert all(p[:40] in page.text for p in PARAGRAPHS)


def test_short_teasers_with_a_body_class_are_not_joined() -> None:
    from lxml.html import fromstring

    from eventwire.ingest.html import join_split_body

    teasers = "".join(f'<div class="post-content"><p>Teaser number {i} here.</p></div>' for i in range(4))
    tree = fromstring(f"<html><body>{teasers}</body></html>")
    assert join_split_body(tree) is False


def test_unreadable_directory_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    write(tmp_path / "ok.txt", STORY)
    real_walk = os.walk

    def walk_with_a_locked_dir(
        top: str, onerror: Callable[[OSError], None]
    ) -> Iterator[tuple[str, list[str], list[str]]]:
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield from real_walk(top)

    monkeypatch.setattr(ingest.os, "walk", walk_with_a_locked_dir)
    articles, errors = collect([str(tmp_path)])
    assert len(articles) == 1
    assert errors == [IngestError(str(tmp_path / "locked"), "cannot read directory: Permission denied")]


def test_html_in_a_legacy_encoding_is_decoded(tmp_path: Path) -> None:
    body = [p.replace("residents", "résidents") for p in PARAGRAPHS]
    page = news_page(body=body).replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    (tmp_path / "legacy.html").write_bytes(page.encode("cp1252"))
    (article,), errors = collect([str(tmp_path / "legacy.html")])
    assert errors == [] and "forty résidents" in article.text


def test_a_crash_on_one_jsonl_html_record_does_not_end_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import eventwire.ingest.html as html_reader

    def exploding(html: str | bytes, url: str | None = None) -> html_reader.HtmlDoc:
        raise RecursionError("tree too deep")

    monkeypatch.setattr(html_reader, "extract_html", exploding)
    lines = [json.dumps({"html": "<html><body><p>x</p></body></html>"}), json.dumps({"text": STORY})]
    articles, errors = collect([str(write(tmp_path / "x.jsonl", "\n".join(lines)))])
    assert len(articles) == 1
    assert errors == [
        IngestError(str(tmp_path / "x.jsonl"), "HTML extraction failed: RecursionError: tree too deep", 1)
    ]


# --- one story from several outlets: one article, one extraction, every outlet kept -------------

WIRE_STORY = (
    "Gunmen attacked a police checkpoint outside the river port of Lokoja on Tuesday, killing two officers, "
    "the state police command said. The attackers escaped into the bush before soldiers arrived."
)


def outlet_line(source: str | None, host: str | None, published: str = "2025-06-04") -> str:
    fields: dict[str, object] = {"text": WIRE_STORY, "title": "Gunmen kill two officers near Lokoja",
                                 "published": published}
    if source:
        fields["source"] = source
    if host:
        fields["url"] = f"https://{host}/lokoja-checkpoint"
    return json.dumps(fields)


def counting_extract(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from eventwire import runner

    calls: list[str] = []
    real = runner.extract

    def extract(doc: object, article: Article) -> object:
        calls.append(article.id)
        return real(doc, article)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "extract", extract)
    return calls


def test_one_story_from_three_outlets_is_one_article_one_set_of_events_three_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp: object
) -> None:
    from eventwire.pipeline import Pipeline
    from eventwire.resolve.incidents import resolve
    from eventwire.runner import ingest as run_ingest
    from eventwire.store import Store

    lines = [outlet_line("River Wire", "riverwire.example"), outlet_line("Lokoja Times", "lokojatimes.example"),
             outlet_line("River Wire", "riverwire.example"),  # the same outlet again: nothing new
             outlet_line(None, "www.plateau-post.example", published="2025-06-05")]
    feed = write(tmp_path / "outlets.jsonl", "\n".join(lines))
    calls = counting_extract(monkeypatch)
    store = Store(":memory:")
    stats = run_ingest([str(feed)], store, Pipeline(), batch_size=2)
    assert (stats.read, stats.new, stats.skipped, stats.copies) == (4, 1, 3, 2)
    assert len(calls) == 1  # the copies were not extracted again
    counts = store.counts()
    assert counts["articles"] == 1 and counts["article_copies"] == 2 and counts["events"] >= 1
    (article_id,) = [r["id"] for r in store.rows("SELECT id FROM articles")]
    assert [(c["source"], c["url"], c["published"]) for c in store.copies(article_id)] == [
        ("Lokoja Times", "https://lokojatimes.example/lokoja-checkpoint", "2025-06-04"),
        ("plateau-post.example", "https://www.plateau-post.example/lokoja-checkpoint", "2025-06-05")]  # its host
    assert store.article_source_count(article_id) == 3
    resolve(store.conn)
    incidents = store.rows("SELECT id, n_articles, n_sources, last_seen FROM incidents")
    assert incidents and all(i["n_sources"] == 3 and i["n_articles"] == 3 for i in incidents)
    assert incidents[0]["last_seen"] == "2025-06-05"  # the latest outlet's publication
    counts = store.counts()

    again = run_ingest([str(feed)], store, Pipeline(), batch_size=2)  # the same input: no new rows
    assert (again.new, again.copies, len(calls)) == (0, 0, 1)
    assert store.counts() == counts


def test_an_outlet_met_in_a_later_run_updates_its_incidents(tmp_path: Path, nlp: object) -> None:
    from eventwire.pipeline import Pipeline
    from eventwire.resolve.incidents import resolve
    from eventwire.runner import ingest as run_ingest
    from eventwire.store import Store

    store = Store(":memory:")
    run_ingest([str(write(tmp_path / "first.jsonl", outlet_line("River Wire", "riverwire.example")))], store,
               Pipeline())
    resolve(store.conn)
    assert {r["n_sources"] for r in store.rows("SELECT n_sources FROM incidents")} == {1}
    events = store.rows("SELECT id, incident_id FROM events ORDER BY id")
    later = write(tmp_path / "later.jsonl", outlet_line("Lokoja Times", "lokojatimes.example"))
    stats = run_ingest([str(later)], store, Pipeline())
    assert (stats.new, stats.skipped, stats.copies) == (0, 1, 1)
    resolve(store.conn)
    assert {r["n_sources"] for r in store.rows("SELECT n_sources FROM incidents")} == {2}
    assert store.rows("SELECT id, incident_id FROM events ORDER BY id") == events  # no event added or moved


def test_a_copy_of_an_article_that_failed_extraction_is_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp: object
) -> None:
    from eventwire import runner
    from eventwire.pipeline import Pipeline
    from eventwire.store import Store

    def failing(doc: object, article: Article) -> object:
        raise ValueError("boom")

    monkeypatch.setattr(runner, "extract", failing)
    feed = write(tmp_path / "x.jsonl", "\n".join([outlet_line("River Wire", "riverwire.example"),
                                                  outlet_line("Lokoja Times", "lokojatimes.example")]))
    store = Store(":memory:")
    stats = runner.ingest([str(feed)], store, Pipeline())
    assert (stats.new, stats.errors, stats.copies) == (0, 1, 0)
    assert store.counts()["article_copies"] == 0
