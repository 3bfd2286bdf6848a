-- eventwire SQLite schema, version 1. Opens in Datasette: real keys, ISO dates,
-- JSON arrays for list fields, latitude/longitude columns, *_fts tables, facet indexes.
-- Later versions are applied in order by Store.migrate: 002_article_copies.sql (other outlets' copies).

CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,               -- content hash of title + clean text + captions
    url TEXT,
    source TEXT,
    title TEXT,
    published TEXT,                    -- ISO date/datetime as given
    anchor TEXT,                       -- date relative expressions were resolved against
    anchor_kind TEXT,                  -- publication | dateline
    text TEXT NOT NULL,
    captions TEXT NOT NULL DEFAULT '[]',   -- JSON array
    removed TEXT NOT NULL DEFAULT '[]',    -- JSON array of boilerplate lines dropped
    lang TEXT,
    duplicate_of TEXT REFERENCES articles(id),
    path TEXT,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles(duplicate_of);

CREATE TABLE IF NOT EXISTS actors (
    id TEXT PRIMARY KEY,               -- stable across articles: hash of kind + folded name
    name TEXT NOT NULL,
    kind TEXT,
    country TEXT,
    sector TEXT,
    aliases TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS actors_country ON actors(country);
CREATE INDEX IF NOT EXISTS actors_sector ON actors(sector);

CREATE TABLE IF NOT EXISTS article_actors (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    title TEXT,
    country TEXT,
    sector TEXT,
    mentions TEXT NOT NULL DEFAULT '[]',   -- JSON array of {text, start, end, kind}
    PRIMARY KEY (article_id, actor_id)
);
CREATE INDEX IF NOT EXISTS article_actors_actor ON article_actors(actor_id);

CREATE TABLE IF NOT EXISTS timexes (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    type TEXT,
    value TEXT,
    precision TEXT,
    mod TEXT,
    begin TEXT,
    end_value TEXT,
    anchor TEXT,
    anchor_kind TEXT
);
CREATE INDEX IF NOT EXISTS timexes_article ON timexes(article_id);

CREATE TABLE IF NOT EXISTS places (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    name TEXT,
    kind TEXT,
    country TEXT,
    latitude REAL,
    longitude REAL,
    gazetteer_id TEXT,
    geo_precision INTEGER,
    ucdp_precision INTEGER
);
CREATE INDEX IF NOT EXISTS places_article ON places(article_id);
CREATE INDEX IF NOT EXISTS places_country ON places(country);

CREATE TABLE IF NOT EXISTS quotes (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    direct INTEGER NOT NULL,
    speaker TEXT,
    speaker_id TEXT REFERENCES actors(id),
    speaker_text TEXT,
    speaker_kind TEXT,
    cue TEXT
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id, start_char);
-- With the names: the speaker filter tests quotes not linked to an actor (speaker_id NULL) here.
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_id, speaker, speaker_text);

CREATE TABLE IF NOT EXISTS incidents (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    date TEXT,
    date_end TEXT,
    date_precision TEXT,
    place TEXT,
    country TEXT,
    latitude REAL,
    longitude REAL,
    actor TEXT,
    recipient TEXT,
    fatalities_low INTEGER,
    fatalities_best INTEGER,
    fatalities_high INTEGER,
    n_articles INTEGER NOT NULL DEFAULT 0,
    n_sources INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT,
    last_seen TEXT
);
CREATE INDEX IF NOT EXISTS incidents_date ON incidents(date);
-- The incidents listing's order (largest first), overall and within a type.
CREATE INDEX IF NOT EXISTS incidents_size ON incidents(n_articles, date, id);
CREATE INDEX IF NOT EXISTS incidents_type ON incidents(type, n_articles, date, id);

CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    incident_id TEXT REFERENCES incidents(id),
    type TEXT NOT NULL,                -- PLOVER
    mode TEXT,
    contexts TEXT NOT NULL DEFAULT '[]',
    trigger TEXT,
    actor TEXT,
    actor_id TEXT REFERENCES actors(id),
    actor_text TEXT,
    actor_start INTEGER,
    actor_end INTEGER,
    recipient TEXT,
    recipient_id TEXT REFERENCES actors(id),
    recipient_text TEXT,
    recipient_start INTEGER,
    recipient_end INTEGER,
    date TEXT,
    date_end TEXT,
    date_precision TEXT,
    date_source TEXT,
    timex_start INTEGER,
    timex_end INTEGER,
    place TEXT,
    country TEXT,
    latitude REAL,
    longitude REAL,
    geo_precision INTEGER,
    place_source TEXT,
    place_start INTEGER,
    place_end INTEGER,
    fatalities_low INTEGER,
    fatalities_best INTEGER,
    fatalities_high INTEGER,
    fatalities_text TEXT,
    injured_low INTEGER,
    injured_best INTEGER,
    injured_high INTEGER,
    injured_text TEXT,
    quantity TEXT NOT NULL DEFAULT '{}',
    weapon TEXT,
    asserted INTEGER NOT NULL,
    negated INTEGER NOT NULL DEFAULT 0,
    hypothetical INTEGER NOT NULL DEFAULT 0,
    future INTEGER NOT NULL DEFAULT 0,
    historical INTEGER NOT NULL DEFAULT 0,
    aggregate INTEGER NOT NULL DEFAULT 0,
    reported_by TEXT,
    confidence REAL,
    evidence TEXT,                     -- the first supporting sentence
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence_spans TEXT NOT NULL DEFAULT '[]',   -- JSON: every supporting sentence with spans
    acled_event_type TEXT,
    acled_sub_event_type TEXT,
    cameo_root TEXT,
    plover_quad TEXT,
    plover_score REAL
);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS events_acled ON events(acled_event_type);
CREATE INDEX IF NOT EXISTS events_incident ON events(incident_id);
-- Listing indexes: (filter or sort column, date, asserted). Each gives one filter's rows, or one
-- sort column's order, already ordered by date (the tie-break) and with the asserted flag at hand,
-- so a page and a capped count read only index entries (queries.events orders by the same keys).
CREATE INDEX IF NOT EXISTS events_date ON events(date, asserted);
CREATE INDEX IF NOT EXISTS events_type ON events(type, date, asserted);
CREATE INDEX IF NOT EXISTS events_country ON events(country, date, asserted);
CREATE INDEX IF NOT EXISTS events_actor ON events(actor_id, date, asserted);
CREATE INDEX IF NOT EXISTS events_recipient ON events(recipient_id, date, asserted);
CREATE INDEX IF NOT EXISTS events_actor_name ON events(actor, date, asserted);
CREATE INDEX IF NOT EXISTS events_confidence ON events(confidence, date, asserted);
CREATE INDEX IF NOT EXISTS events_fatalities ON events(COALESCE(fatalities_best, fatalities_low), date, asserted);

-- Rollups for the overview, kept by the triggers below: events per asserted flag, type and month
-- ('' when undated); per actor (as actor) and type; per place (country '' when unknown) and type.
CREATE TABLE IF NOT EXISTS event_stats (
    asserted INTEGER NOT NULL,
    type TEXT NOT NULL,
    month TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (asserted, type, month)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS actor_stats (
    asserted INTEGER NOT NULL,
    actor_id TEXT NOT NULL,
    type TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (asserted, actor_id, type)
) WITHOUT ROWID;
-- Events (as actor or recipient, any flag) and articles per actor, for the actors listing.
CREATE TABLE IF NOT EXISTS actor_counts (
    actor_id TEXT PRIMARY KEY,
    n_events INTEGER NOT NULL DEFAULT 0,
    n_articles INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS place_stats (
    asserted INTEGER NOT NULL,
    place TEXT NOT NULL,
    country TEXT NOT NULL,
    type TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (asserted, place, country, type)
) WITHOUT ROWID;
-- Row counts of the big tables for the overview header, kept by triggers.
CREATE TABLE IF NOT EXISTS table_counts (
    name TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO table_counts (name, n) VALUES
    ('articles', 0), ('events', 0), ('asserted_events', 0), ('incidents', 0), ('actors', 0), ('places', 0),
    ('quotes', 0);

CREATE TABLE IF NOT EXISTS errors (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    line INTEGER,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);

-- content="table" in double quotes: the form Datasette reads to find a table's full-text index.
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, content="articles", content_rowid="rowid"
);
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
    text, speaker, content="quotes", content_rowid="rowid"
);
-- Trigram index: the events text filter is a case-insensitive substring match, as LIKE '%q%' was.
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(
    evidence, content="events", content_rowid="rowid", tokenize='trigram'
);

CREATE TRIGGER IF NOT EXISTS articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker) VALUES (new.rowid, new.text, new.speaker);
END;
CREATE TRIGGER IF NOT EXISTS quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker) VALUES ('delete', old.rowid, old.text, old.speaker);
END;
CREATE TRIGGER IF NOT EXISTS events_fts_ai AFTER INSERT ON events BEGIN
    INSERT INTO events_fts(rowid, evidence) VALUES (new.rowid, new.evidence);
END;
CREATE TRIGGER IF NOT EXISTS events_fts_ad AFTER DELETE ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, evidence) VALUES ('delete', old.rowid, old.evidence);
END;
CREATE TRIGGER IF NOT EXISTS events_fts_au AFTER UPDATE OF evidence ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, evidence) VALUES ('delete', old.rowid, old.evidence);
    INSERT INTO events_fts(rowid, evidence) VALUES (new.rowid, new.evidence);
END;

-- Rollup upkeep: an event adds one to its rollup rows; a delete or an update of a rolled-up
-- column takes one away from the old rows (and adds to the new ones).
CREATE TRIGGER IF NOT EXISTS events_stats_ai AFTER INSERT ON events BEGIN
    INSERT INTO event_stats (asserted, type, month, n)
        VALUES (new.asserted, new.type, COALESCE(substr(new.date, 1, 7), ''), 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO actor_stats (asserted, actor_id, type, n)
        SELECT new.asserted, new.actor_id, new.type, 1 WHERE new.actor_id IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO place_stats (asserted, place, country, type, n)
        SELECT new.asserted, new.place, COALESCE(new.country, ''), new.type, 1 WHERE new.place IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + 1;
    UPDATE table_counts SET n = n + 1 WHERE name = 'events' OR (name = 'asserted_events' AND new.asserted = 1);
    INSERT INTO actor_counts (actor_id, n_events) SELECT new.actor_id, 1 WHERE new.actor_id IS NOT NULL
        ON CONFLICT DO UPDATE SET n_events = n_events + 1;
    INSERT INTO actor_counts (actor_id, n_events) SELECT new.recipient_id, 1
        WHERE new.recipient_id IS NOT NULL AND new.recipient_id IS NOT new.actor_id
        ON CONFLICT DO UPDATE SET n_events = n_events + 1;
END;
CREATE TRIGGER IF NOT EXISTS events_stats_ad AFTER DELETE ON events BEGIN
    UPDATE event_stats SET n = n - 1 WHERE asserted = old.asserted AND type = old.type
        AND month = COALESCE(substr(old.date, 1, 7), '');
    UPDATE actor_stats SET n = n - 1 WHERE asserted = old.asserted AND actor_id = old.actor_id AND type = old.type;
    UPDATE place_stats SET n = n - 1 WHERE asserted = old.asserted AND place = old.place
        AND country = COALESCE(old.country, '') AND type = old.type;
    UPDATE table_counts SET n = n - 1 WHERE name = 'events' OR (name = 'asserted_events' AND old.asserted = 1);
    UPDATE actor_counts SET n_events = n_events - 1 WHERE actor_id IN (old.actor_id, old.recipient_id);
END;
CREATE TRIGGER IF NOT EXISTS events_actor_counts_au AFTER UPDATE OF actor_id, recipient_id ON events BEGIN
    UPDATE actor_counts SET n_events = n_events - 1 WHERE actor_id IN (old.actor_id, old.recipient_id);
    INSERT INTO actor_counts (actor_id, n_events) SELECT new.actor_id, 1 WHERE new.actor_id IS NOT NULL
        ON CONFLICT DO UPDATE SET n_events = n_events + 1;
    INSERT INTO actor_counts (actor_id, n_events) SELECT new.recipient_id, 1
        WHERE new.recipient_id IS NOT NULL AND new.recipient_id IS NOT new.actor_id
        ON CONFLICT DO UPDATE SET n_events = n_events + 1;
END;
CREATE TRIGGER IF NOT EXISTS article_actors_count_ai AFTER INSERT ON article_actors BEGIN
    INSERT INTO actor_counts (actor_id, n_articles) VALUES (new.actor_id, 1)
        ON CONFLICT DO UPDATE SET n_articles = n_articles + 1;
END;
CREATE TRIGGER IF NOT EXISTS article_actors_count_ad AFTER DELETE ON article_actors BEGIN
    UPDATE actor_counts SET n_articles = n_articles - 1 WHERE actor_id = old.actor_id;
END;
CREATE TRIGGER IF NOT EXISTS events_stats_au AFTER UPDATE OF asserted, date, type, country, actor_id, place ON events
BEGIN
    UPDATE event_stats SET n = n - 1 WHERE asserted = old.asserted AND type = old.type
        AND month = COALESCE(substr(old.date, 1, 7), '');
    UPDATE actor_stats SET n = n - 1 WHERE asserted = old.asserted AND actor_id = old.actor_id AND type = old.type;
    UPDATE place_stats SET n = n - 1 WHERE asserted = old.asserted AND place = old.place
        AND country = COALESCE(old.country, '') AND type = old.type;
    UPDATE table_counts SET n = n - 1 WHERE name = 'asserted_events' AND old.asserted = 1;
    INSERT INTO event_stats (asserted, type, month, n)
        VALUES (new.asserted, new.type, COALESCE(substr(new.date, 1, 7), ''), 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO actor_stats (asserted, actor_id, type, n)
        SELECT new.asserted, new.actor_id, new.type, 1 WHERE new.actor_id IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO place_stats (asserted, place, country, type, n)
        SELECT new.asserted, new.place, COALESCE(new.country, ''), new.type, 1 WHERE new.place IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + 1;
    UPDATE table_counts SET n = n + 1 WHERE name = 'asserted_events' AND new.asserted = 1;
END;
CREATE TRIGGER IF NOT EXISTS articles_count_ai AFTER INSERT ON articles BEGIN
    UPDATE table_counts SET n = n + 1 WHERE name = 'articles';
END;
CREATE TRIGGER IF NOT EXISTS articles_count_ad AFTER DELETE ON articles BEGIN
    UPDATE table_counts SET n = n - 1 WHERE name = 'articles';
END;
CREATE TRIGGER IF NOT EXISTS incidents_count_ai AFTER INSERT ON incidents BEGIN
    UPDATE table_counts SET n = n + 1 WHERE name = 'incidents';
END;
CREATE TRIGGER IF NOT EXISTS incidents_count_ad AFTER DELETE ON incidents BEGIN
    UPDATE table_counts SET n = n - 1 WHERE name = 'incidents';
END;
CREATE TRIGGER IF NOT EXISTS actors_count_ai AFTER INSERT ON actors BEGIN
    UPDATE table_counts SET n = n + 1 WHERE name = 'actors';
END;
CREATE TRIGGER IF NOT EXISTS actors_count_ad AFTER DELETE ON actors BEGIN
    UPDATE table_counts SET n = n - 1 WHERE name = 'actors';
END;
CREATE TRIGGER IF NOT EXISTS places_count_ai AFTER INSERT ON places BEGIN
    UPDATE table_counts SET n = n + 1 WHERE name = 'places';
END;
CREATE TRIGGER IF NOT EXISTS places_count_ad AFTER DELETE ON places BEGIN
    UPDATE table_counts SET n = n - 1 WHERE name = 'places';
END;
CREATE TRIGGER IF NOT EXISTS quotes_count_ai AFTER INSERT ON quotes BEGIN
    UPDATE table_counts SET n = n + 1 WHERE name = 'quotes';
END;
CREATE TRIGGER IF NOT EXISTS quotes_count_ad AFTER DELETE ON quotes BEGIN
    UPDATE table_counts SET n = n - 1 WHERE name = 'quotes';
END;
