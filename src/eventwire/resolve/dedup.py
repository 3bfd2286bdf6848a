"""Near-duplicate articles: syndicated copies, light rewrites, updated versions of one story.

MinHash signatures over word shingles, banded into an LSH index so that each article is
compared only with the articles that share a band bucket (no all-pairs comparison). A
candidate pair is confirmed when the estimated Jaccard similarity is high, or when the
shorter text is mostly contained in the longer one (an update that adds paragraphs).

The index is persisted in SQLite (tables ``article_minhash`` and ``article_lsh``, created
here with CREATE TABLE IF NOT EXISTS) so that new articles are matched against everything
already stored without recomputing anything.

Hashing is deterministic (CRC32 of the shingle, fixed-seed permutations): signatures written
by one process are valid in the next.
"""

from __future__ import annotations

import re
import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from eventwire.model import Article

NUM_PERM = 128
BANDS = 32  # 32 bands x 4 rows: a pair at Jaccard 0.5 shares a bucket with probability 0.87, at 0.6 0.99
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 3
MIN_JACCARD = 0.5
MIN_CONTAINMENT = 0.8
MIN_SHINGLES = 8  # texts shorter than this are too short to call duplicates
INDEX_CHUNK = 2000  # articles fingerprinted between writes to the index

_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_SHINGLE_BASE = np.uint64(1_000_003)
_rng = np.random.RandomState(20240601)
_PERM_A = _rng.randint(1, (1 << 31) - 1, size=NUM_PERM, dtype=np.int64).astype(np.uint64)
_PERM_B = _rng.randint(0, (1 << 31) - 1, size=NUM_PERM, dtype=np.int64).astype(np.uint64)
_WORD = re.compile(r"\w+")

INDEX_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS article_minhash ("
    " article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,"
    " n_shingles INTEGER NOT NULL, signature BLOB NOT NULL)",
    # bucket = band number in the high bits, CRC of the band's rows in the low 32 bits
    # duplicate groups are looked up by their canonical article (schema.sql has no such index)
    "CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles(duplicate_of)",
    "CREATE TABLE IF NOT EXISTS article_lsh ("
    " bucket INTEGER NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (bucket, article_id)) WITHOUT ROWID",
)


@dataclass(slots=True)
class Fingerprint:
    """An article's MinHash signature and shingle count (for the containment estimate)."""

    article_id: str
    signature: np.ndarray  # uint32[NUM_PERM]
    n_shingles: int


@dataclass(slots=True)
class Version:
    """What decides which copy of a story is canonical."""

    article_id: str
    published: str | None
    length: int


# -- signatures -----------------------------------------------------------------------------------

def shingle_hashes(text: str) -> np.ndarray:
    """Distinct 32-bit hashes of the case-folded word n-grams of a text. Words are hashed once
    (CRC32) and combined per n-gram with numpy: no string is built per shingle."""
    words = _WORD.findall(text.casefold())
    if not words:
        return np.empty(0, dtype=np.uint64)
    word_hashes = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    width = min(SHINGLE_WORDS, len(words))
    count = len(words) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    for offset in range(width):  # polynomial hash; uint64 wrap-around is intended
        combined = combined * _SHINGLE_BASE + word_hashes[offset: offset + count]
    return np.unique(combined & _MAX_HASH)


def fingerprint(article_id: str, text: str) -> Fingerprint:
    """MinHash over the shingles, vectorized: one (shingles x permutations) product."""
    hashes = shingle_hashes(text)
    if hashes.size == 0:
        return Fingerprint(article_id, np.full(NUM_PERM, _MAX_HASH, dtype=np.uint32), 0)
    permuted = (np.outer(hashes, _PERM_A) + _PERM_B) % _MERSENNE & _MAX_HASH
    return Fingerprint(article_id, permuted.min(axis=0).astype(np.uint32), int(hashes.size))


def band_buckets(signature: np.ndarray) -> list[int]:
    """One 63-bit bucket key per band (CRC of the band's rows, band number mixed in)."""
    rows = signature.reshape(BANDS, ROWS)
    return [(band << 32) | zlib.crc32(rows[band].tobytes()) for band in range(BANDS)]


def jaccard_estimate(a: Fingerprint, b: Fingerprint) -> float:
    return float(np.count_nonzero(a.signature == b.signature)) / NUM_PERM


def is_near_duplicate(a: Fingerprint, b: Fingerprint) -> bool:
    """Estimated Jaccard >= MIN_JACCARD, or the smaller shingle set mostly inside the larger."""
    if min(a.n_shingles, b.n_shingles) < MIN_SHINGLES:
        return False
    jaccard = jaccard_estimate(a, b)
    if jaccard >= MIN_JACCARD:
        return True
    # |A n B| = J (|A| + |B|) / (1 + J); containment of the smaller set in the larger
    intersection = jaccard * (a.n_shingles + b.n_shingles) / (1.0 + jaccard)
    return intersection / min(a.n_shingles, b.n_shingles) >= MIN_CONTAINMENT


# -- canonical choice ---------------------------------------------------------------------------------

def canonical_rank(version: Version) -> tuple[int, int, int, str, str]:
    """Sort key, best first: a dated version beats an undated one; then the longest text (the
    most complete update); then a full timestamp over a bare date; then the earliest
    publication (the original of a syndicated copy); then the id, so ties are stable."""
    published = (version.published or "").strip()
    has_time = 1 if "T" in published or " " in published else 0
    return (-int(bool(published)), -version.length, -has_time, published or "9999", version.article_id)


def pick_canonical(versions: Sequence[Version]) -> str:
    return min(versions, key=canonical_rank).article_id


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        while parent != item:
            grand = self.parent.setdefault(parent, parent)
            self.parent[item] = grand
            item, parent = parent, grand
        return item

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)

    def groups(self) -> list[list[str]]:
        grouped: dict[str, list[str]] = {}
        for item in self.parent:
            grouped.setdefault(self.find(item), []).append(item)
        return [sorted(members) for members in grouped.values()]


# -- batch ------------------------------------------------------------------------------------------

def find_duplicates(articles: Iterable[Article]) -> dict[str, str]:
    """Near-duplicate groups in a batch: {duplicate article id: canonical article id}.
    Canonical articles (and articles with no near duplicate) are not in the result."""
    fingerprints: dict[str, Fingerprint] = {}
    versions: dict[str, Version] = {}
    buckets: dict[int, list[str]] = {}
    groups = _UnionFind()
    for article in articles:
        if article.id in fingerprints:
            continue
        text = article.analysis_text()
        current = fingerprint(article.id, text)
        fingerprints[article.id] = current
        versions[article.id] = Version(article.id, article.published, len(text))
        groups.find(article.id)
        for bucket in band_buckets(current.signature):
            for other in buckets.setdefault(bucket, []):
                if groups.find(other) != groups.find(article.id) and is_near_duplicate(current, fingerprints[other]):
                    groups.union(other, article.id)
            buckets[bucket].append(article.id)
    return _canonical_map(groups.groups(), versions)


def _canonical_map(groups: Iterable[list[str]], versions: dict[str, Version]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for members in groups:
        if len(members) < 2:
            continue
        canonical = pick_canonical([versions[m] for m in members])
        mapping.update({m: canonical for m in members if m != canonical})
    return mapping


# -- incremental index in SQLite ---------------------------------------------------------------------

def ensure_index(conn: sqlite3.Connection) -> None:
    for statement in INDEX_SCHEMA:
        conn.execute(statement)


def _load_fingerprints(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Fingerprint]:
    found: dict[str, Fingerprint] = {}
    id_list = list(ids)
    for chunk_start in range(0, len(id_list), 500):
        chunk = id_list[chunk_start: chunk_start + 500]
        marks = ",".join("?" * len(chunk))
        for article_id, n_shingles, blob in conn.execute(
            f"SELECT article_id, n_shingles, signature FROM article_minhash WHERE article_id IN ({marks})", chunk
        ):
            found[article_id] = Fingerprint(article_id, np.frombuffer(blob, dtype=np.uint32), n_shingles)
    return found


_BUCKET_MEMBERS_SQL = f"SELECT DISTINCT article_id FROM article_lsh WHERE bucket IN ({','.join('?' * BANDS)})"


def _bucket_members(conn: sqlite3.Connection, buckets: Sequence[int]) -> set[str]:
    return {r[0] for r in conn.execute(_BUCKET_MEMBERS_SQL, list(buckets))}


def index_new_articles(conn: sqlite3.Connection) -> dict[str, str]:
    """Fingerprint the stored articles not yet in the index, match each against the index, and
    set ``articles.duplicate_of`` for every group that changed. Returns {duplicate: canonical}
    for the groups touched. The caller owns the transaction. Articles are read and written in
    chunks, so memory does not grow with the number of new articles."""
    ensure_index(conn)
    new_ids = [r[0] for r in conn.execute(
        "SELECT a.id FROM articles a LEFT JOIN article_minhash m ON m.article_id = a.id"
        " WHERE m.article_id IS NULL ORDER BY a.id")]
    index_was_empty = conn.execute("SELECT 1 FROM article_lsh LIMIT 1").fetchone() is None
    groups = _UnionFind()
    for start in range(0, len(new_ids), INDEX_CHUNK):
        chunk = new_ids[start: start + INDEX_CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(f"SELECT id, text, captions FROM articles WHERE id IN ({marks}) ORDER BY id", chunk)
        fresh: dict[str, Fingerprint] = {}
        fresh_buckets: dict[int, list[str]] = {}
        for article_id, text, captions in rows.fetchall():
            current = fingerprint(article_id, _stored_analysis_text(text, captions))
            buckets = band_buckets(current.signature)
            stored = set() if index_was_empty and start == 0 else _bucket_members(conn, buckets)
            candidates = stored | {other for b in buckets for other in fresh_buckets.get(b, ())}
            known = _load_fingerprints(conn, stored) | fresh
            for other in sorted(candidates):
                if is_near_duplicate(current, known[other]):
                    groups.union(_group_root(conn, other) if other in stored else other, other)
                    groups.union(other, article_id)
            fresh[article_id] = current
            for bucket in buckets:
                fresh_buckets.setdefault(bucket, []).append(article_id)
        conn.executemany("INSERT INTO article_minhash (article_id, n_shingles, signature) VALUES (?, ?, ?)",
                         [(f.article_id, f.n_shingles, f.signature.tobytes()) for f in fresh.values()])
        conn.executemany("INSERT OR IGNORE INTO article_lsh (bucket, article_id) VALUES (?, ?)",
                         [(bucket, a) for bucket, members in fresh_buckets.items() for a in members])
    return _write_groups(conn, [g for g in groups.groups() if len(g) > 1])


def _stored_analysis_text(text: str, captions_json: str | None) -> str:
    import json

    captions = json.loads(captions_json or "[]")
    return Article(text=text, captions=captions, id="-").analysis_text()


def _group_root(conn: sqlite3.Connection, article_id: str) -> str:
    row = conn.execute("SELECT duplicate_of FROM articles WHERE id = ?", (article_id,)).fetchone()
    return row[0] if row and row[0] else article_id


def _write_groups(conn: sqlite3.Connection, groups: list[list[str]]) -> dict[str, str]:
    """Re-point each touched group (with the stored members it already had) at its best version."""
    mapping: dict[str, str] = {}
    for members in groups:
        roots = {_group_root(conn, m) for m in members}
        marks = ",".join("?" * len(roots))
        stored = [r[0] for r in conn.execute(
            f"SELECT id FROM articles WHERE id IN ({marks}) OR duplicate_of IN ({marks})", [*roots, *roots])]
        everyone = sorted(set(members) | set(stored))
        versions = [_version(conn, m) for m in everyone]
        canonical = pick_canonical(versions)
        for member in everyone:
            conn.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?",
                         (None if member == canonical else canonical, member))
            if member != canonical:
                mapping[member] = canonical
    return mapping


def _version(conn: sqlite3.Connection, article_id: str) -> Version:
    row = conn.execute("SELECT published, length(text) FROM articles WHERE id = ?", (article_id,)).fetchone()
    return Version(article_id, row[0], int(row[1] or 0))
