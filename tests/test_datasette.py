"""The database opens in Datasette as users expect: full-text search found, internal tables hidden."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest

from eventwire import datasette as eventwire_datasette
from eventwire.store import Store
from factories import sample_record

datasette_app = pytest.importorskip("datasette.app", reason="datasette is a dev dependency")


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "news.db"
    with Store(path) as store:
        store.write([sample_record()])
    return path


def _run(coroutine):
    return asyncio.run(coroutine)


def test_datasette_finds_the_full_text_tables_and_searches(db):
    ds = datasette_app.Datasette([str(db)], metadata=eventwire_datasette.metadata(db))

    async def check():
        database = ds.get_database("news")
        assert await database.fts_table("articles") == "articles_fts"
        assert await database.fts_table("quotes") == "quotes_fts"
        response = await ds.client.get("/news/articles.json?_search=Goma&_shape=array")
        assert response.status_code == 200
        assert [row["source"] for row in response.json()] == ["example.org"]
        hidden = set(await database.hidden_table_names())
        assert set(eventwire_datasette.INTERNAL_TABLES) <= hidden
        assert {"articles", "events", "incidents", "actors"}.isdisjoint(hidden)
        page = await ds.client.get("/news/incidents.json")
        assert page.status_code == 200

    _run(check())


def test_an_older_database_gets_declarations_datasette_reads(db):
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE articles_fts")
    conn.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid')")
    conn.commit()
    conn.close()
    with Store(db) as store:
        sql = store.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
        assert 'content="articles"' in sql
        found = store.conn.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'Goma'").fetchone()
        assert found[0] == 1  # rebuilt from its table


def test_shipped_metadata_is_for_eventwire_db_and_renamed_for_others():
    shipped = json.loads((eventwire_datasette.resources.files("eventwire") / "data" / "datasette-metadata.json")
                         .read_text("utf-8"))
    assert list(shipped["databases"]) == ["eventwire"]
    assert list(eventwire_datasette.metadata("/data/news.db")["databases"]) == ["news"]
