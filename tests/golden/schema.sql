-- index actors_country
CREATE INDEX actors_country ON actors(country);

-- index actors_sector
CREATE INDEX actors_sector ON actors(sector);

-- index article_actors_actor
CREATE INDEX article_actors_actor ON article_actors(actor_id);

-- index articles_published
CREATE INDEX articles_published ON articles(published);

-- index articles_source
CREATE INDEX articles_source ON articles(source);

-- index events_acled
CREATE INDEX events_acled ON events(acled_event_type);

-- index events_actor
CREATE INDEX events_actor ON events(actor_id);

-- index events_article
CREATE INDEX events_article ON events(article_id);

-- index events_asserted_date
CREATE INDEX events_asserted_date ON events(asserted, date);

-- index events_country
CREATE INDEX events_country ON events(country);

-- index events_date
CREATE INDEX events_date ON events(date);

-- index events_incident
CREATE INDEX events_incident ON events(incident_id);

-- index events_recipient
CREATE INDEX events_recipient ON events(recipient_id);

-- index events_type
CREATE INDEX events_type ON events(type);

-- index incidents_date
CREATE INDEX incidents_date ON incidents(date);

-- index incidents_type
CREATE INDEX incidents_type ON incidents(type);

-- index places_article
CREATE INDEX places_article ON places(article_id);

-- index places_country
CREATE INDEX places_country ON places(country);

-- index quotes_article
CREATE INDEX quotes_article ON quotes(article_id);

-- index quotes_speaker
CREATE INDEX quotes_speaker ON quotes(speaker_id);

-- index timexes_article
CREATE INDEX timexes_article ON timexes(article_id);

-- table actors
CREATE TABLE actors (
    id TEXT PRIMARY KEY,               -- stable across articles: hash of kind + folded name
    name TEXT NOT NULL,
    kind TEXT,
    country TEXT,
    sector TEXT,
    aliases TEXT NOT NULL DEFAULT '[]'
);

-- table article_actors
CREATE TABLE article_actors (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    title TEXT,
    country TEXT,
    sector TEXT,
    mentions TEXT NOT NULL DEFAULT '[]',   -- JSON array of {text, start, end, kind}
    PRIMARY KEY (article_id, actor_id)
);

-- table articles
CREATE TABLE articles (
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

-- table articles_fts
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid'
);

-- table errors
CREATE TABLE errors (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    line INTEGER,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);

-- table events
CREATE TABLE events (
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

-- table incidents
CREATE TABLE incidents (
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

-- table places
CREATE TABLE places (
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

-- table quotes
CREATE TABLE quotes (
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

-- table quotes_fts
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker, content='quotes', content_rowid='rowid'
);

-- table timexes
CREATE TABLE timexes (
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

-- trigger articles_ad
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;

-- trigger articles_ai
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

-- trigger quotes_ad
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker) VALUES ('delete', old.rowid, old.text, old.speaker);
END;

-- trigger quotes_ai
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker) VALUES (new.rowid, new.text, new.speaker);
END;
