"""Full-text tables declared the way Datasette finds them.

Datasette links a table to its FTS index by reading ``content="table"`` (double quotes, or
brackets) in the index's declaration; the first schema declared them with single quotes, which
SQLite accepts and Datasette does not see. ``repair`` re-declares such an index (same columns,
same tokenizer) and rebuilds it from its table; it is idempotent and runs after the numbered
migrations, so a database of any version ends up with declarations Datasette reads.
"""

from __future__ import annotations

import sqlite3

FTS_TABLES: dict[str, str] = {
    "articles_fts": 'CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content="articles",'
                    ' content_rowid="rowid")',
    "quotes_fts": 'CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker, content="quotes", content_rowid="rowid")',
    "events_fts": 'CREATE VIRTUAL TABLE events_fts USING fts5(evidence, content="events", content_rowid="rowid",'
                  " tokenize='trigram')",
}


def repair(conn: sqlite3.Connection) -> list[str]:
    """Re-declare FTS tables whose content table is quoted the way Datasette cannot read; returns their names."""
    repaired = []
    for name, declaration in FTS_TABLES.items():
        row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
        if row is None or "content='" not in row[0]:
            continue
        conn.execute(f"DROP TABLE {name}")
        conn.execute(declaration)
        conn.execute(f"INSERT INTO {name}({name}) VALUES ('rebuild')")
        repaired.append(name)
    return repaired
