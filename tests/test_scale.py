"""Scale-out gives the same records as a one-process run: worker processes and a real Dask cluster."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire import scale
from eventwire.pipeline import Pipeline
from eventwire.runner import ingest
from eventwire.store import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = str(ROOT / "examples")
COMPARED = {
    "articles": "id, url, source, title, published, anchor, text, captions",
    "events": "*",
    "actors": "*",
    "article_actors": "*",
    "places": "*",
    "quotes": "*",
    "timexes": "*",
}


def snapshot(store: Store) -> dict[str, list[tuple]]:
    out = {}
    for table, columns in COMPARED.items():
        rows = store.conn.execute(f"SELECT {columns} FROM {table}").fetchall()
        out[table] = sorted(tuple(row) for row in rows)
    return out


@pytest.fixture(scope="module")
def local_snapshot(tmp_path_factory, nlp):
    store = Store(tmp_path_factory.mktemp("local") / "one.db")
    ingest([EXAMPLES], store, Pipeline(), batch_size=4)
    snap = snapshot(store)
    store.close()
    assert snap["events"], "the examples must give events"
    return snap


def test_two_workers_equal_one_process(tmp_path, local_snapshot):
    store = Store(tmp_path / "two.db")
    stats = scale.ingest_parallel([EXAMPLES], store, workers=2, batch_size=2)
    assert stats.new == 6 and stats.errors == 0
    assert snapshot(store) == local_snapshot
    again = scale.ingest_parallel([EXAMPLES], store, workers=2, batch_size=2)
    assert again.new == 0 and again.skipped == 6
    store.close()


def test_dask_cluster_equals_local_run(tmp_path, local_snapshot):
    pytest.importorskip("dask.distributed")
    shards = tmp_path / "shards"
    stats = scale.ingest_dask([EXAMPLES], shards, n_workers=2, shard_size=2)
    assert stats.shards == 3 and stats.articles == 6 and stats.errors == 0
    assert len(list(shards.glob("events-*.parquet"))) == 3
    store = Store(tmp_path / "dask.db")
    assert scale.load_shards(shards, store) == 6
    assert snapshot(store) == local_snapshot
    assert scale.load_shards(shards, store) == 0  # loading twice changes nothing
    assert snapshot(store) == local_snapshot
    store.close()


def test_dask_loads_shards_while_it_runs(tmp_path, local_snapshot):
    pytest.importorskip("dask.distributed")
    store = Store(tmp_path / "live.db")
    stats = scale.ingest_dask([EXAMPLES], tmp_path / "shards", n_workers=2, shard_size=2, store=store)
    assert stats.loaded == 6 and snapshot(store) == local_snapshot
    store.close()


def test_dask_read_errors_reach_the_errors_table(tmp_path, nlp):
    pytest.importorskip("dask.distributed")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text("Police arrested two men in Lagos on Monday.\n")
    (tmp_path / "in" / "empty.txt").write_text("")
    shards = tmp_path / "shards"
    stats = scale.ingest_dask([str(tmp_path / "in")], shards, n_workers=1)
    assert stats.articles == 1 and stats.errors == 1
    store = Store(tmp_path / "e.db")
    scale.load_shards(shards, store)
    scale.load_shards(shards, store)
    assert store.counts()["errors"] == 1 and store.counts()["articles"] == 1
    store.close()


STORY = ("Gunmen attacked a police checkpoint outside the river port of Lokoja on Tuesday, killing two officers, "
         "the state police command said.")


def outlets_corpus(folder: Path) -> Path:
    """One story from three outlets (two of them in one shard of two) and one other story."""
    import json

    lines = [{"text": STORY, "title": "Checkpoint attack", "published": "2025-06-04", "source": source,
              "url": f"https://{source.lower().replace(' ', '')}.example/story"}
             for source in ("River Wire", "Lokoja Times", "Plateau Post")]
    lines.insert(2, {"text": "Police arrested two men in Lagos on Monday.", "source": "Lagos Daily"})
    folder.mkdir()
    (folder / "outlets.jsonl").write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    return folder


def outlets_of(store: Store) -> set[tuple[str, str]]:
    rows = store.conn.execute("SELECT id, source FROM articles UNION ALL SELECT article_id, source FROM article_copies")
    return {(r[0], r[1]) for r in rows}


def test_parallel_ingest_keeps_copies(tmp_path, nlp):
    store = Store(tmp_path / "p.db")
    stats = scale.ingest_parallel([str(outlets_corpus(tmp_path / "in"))], store, workers=1, batch_size=2)
    assert (stats.new, stats.copies) == (2, 2)
    assert store.counts()["article_copies"] == 2 and len(outlets_of(store)) == 4
    again = scale.ingest_parallel([str(tmp_path / "in")], store, workers=1, batch_size=2)
    assert (again.new, again.copies) == (0, 0) and store.counts()["article_copies"] == 2
    store.close()


def test_dask_shards_keep_copies_within_and_across_shards(tmp_path, nlp):
    pytest.importorskip("dask.distributed")
    shards = tmp_path / "shards"
    local = Store(tmp_path / "local.db")
    ingest([str(outlets_corpus(tmp_path / "in"))], local, Pipeline())
    stats = scale.ingest_dask([str(tmp_path / "in")], shards, n_workers=1, shard_size=2)
    assert stats.articles == 3  # the repeat inside the first shard is not extracted
    store = Store(tmp_path / "dask.db")
    assert scale.load_shards(shards, store) == 2
    assert outlets_of(store) == outlets_of(local) and store.counts() == local.counts()
    scale.load_shards(shards, store)  # loading twice changes nothing
    assert store.counts() == local.counts()
    store.close()
    local.close()
