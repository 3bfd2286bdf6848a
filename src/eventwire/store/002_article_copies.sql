-- eventwire SQLite schema, version 2: every outlet that published an article already stored.
-- An article's id hashes its content, so the same story from a second outlet is stored once;
-- each further (source, url) it arrived with is a row here (GDELT's NumSources / NumArticles).

CREATE TABLE IF NOT EXISTS article_copies (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    source TEXT,
    url TEXT,
    published TEXT,                    -- as this outlet gave it
    path TEXT,                         -- where this copy was read from
    first_seen TEXT NOT NULL,          -- when ingest met this copy
    counted INTEGER NOT NULL DEFAULT 0 -- 1 once the incidents of its article count it (resolve)
);
-- One row per (article, source, url); a missing source or url is one value, not a distinct NULL.
CREATE UNIQUE INDEX IF NOT EXISTS article_copies_pair
    ON article_copies(article_id, COALESCE(source, ''), COALESCE(url, ''));
CREATE INDEX IF NOT EXISTS article_copies_uncounted ON article_copies(article_id) WHERE counted = 0;
