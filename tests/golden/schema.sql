-- index actors_country
CREATE INDEX actors_country ON actors(country);

-- index actors_sector
CREATE INDEX actors_sector ON actors(sector);

-- index alerts_at
CREATE INDEX alerts_at ON alerts(at);

-- index alerts_rule_incident
CREATE UNIQUE INDEX alerts_rule_incident ON alerts(rule, incident_id);

-- index article_actors_actor
CREATE INDEX article_actors_actor ON article_actors(actor_id);

-- index article_copies_pair
CREATE UNIQUE INDEX article_copies_pair
    ON article_copies(article_id, COALESCE(source, ''), COALESCE(url, ''));

-- index article_copies_uncounted
CREATE INDEX article_copies_uncounted ON article_copies(article_id) WHERE counted = 0;

-- index articles_duplicate_of
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

-- index articles_ingested
CREATE INDEX articles_ingested ON articles(ingested_at);

-- index articles_published
CREATE INDEX articles_published ON articles(published);

-- index articles_source
CREATE INDEX articles_source ON articles(source);

-- index errors_input_reason
CREATE UNIQUE INDEX errors_input_reason ON errors(path, reason);

-- index events_acled
CREATE INDEX events_acled ON events(acled_event_type);

-- index events_actor
CREATE INDEX events_actor ON events(actor_id, date_start, date_last, asserted);

-- index events_actor_name
CREATE INDEX events_actor_name ON events(actor, date_start, date_last, asserted);

-- index events_article
CREATE INDEX events_article ON events(article_id);

-- index events_confidence
CREATE INDEX events_confidence ON events(confidence, date_start, date_last, asserted);

-- index events_country
CREATE INDEX events_country ON events(country, date_start, date_last, asserted);

-- index events_date
CREATE INDEX events_date ON events(date_start, date_last, asserted);

-- index events_fatalities
CREATE INDEX events_fatalities
    ON events(COALESCE(fatalities_best, fatalities_low), date_start, date_last, asserted);

-- index events_incident
CREATE INDEX events_incident ON events(incident_id);

-- index events_recipient
CREATE INDEX events_recipient ON events(recipient_id, date_start, date_last, asserted);

-- index events_type
CREATE INDEX events_type ON events(type, date_start, date_last, asserted);

-- index incidents_date
CREATE INDEX incidents_date ON incidents(date_start, date_last);

-- index incidents_size
CREATE INDEX incidents_size ON incidents(n_articles, date_start, id);

-- index incidents_type
CREATE INDEX incidents_type ON incidents(type, n_articles, date_start, id);

-- index places_article
CREATE INDEX places_article ON places(article_id);

-- index places_country
CREATE INDEX places_country ON places(country);

-- index quotes_article
CREATE INDEX quotes_article ON quotes(article_id, start_char);

-- index quotes_speaker
CREATE INDEX quotes_speaker ON quotes(speaker_id, speaker, speaker_text);

-- index timexes_article
CREATE INDEX timexes_article ON timexes(article_id);

-- index watch_items_guid
CREATE UNIQUE INDEX watch_items_guid ON watch_items(source_id, guid) WHERE guid IS NOT NULL;

-- index watch_items_seen
CREATE INDEX watch_items_seen ON watch_items(first_seen);

-- index watch_items_url
CREATE UNIQUE INDEX watch_items_url ON watch_items(url) WHERE url IS NOT NULL;

-- table actor_counts
CREATE TABLE actor_counts (
    actor_id TEXT PRIMARY KEY,
    n_events INTEGER NOT NULL DEFAULT 0,
    n_articles INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- table actor_stats
CREATE TABLE actor_stats (
    asserted INTEGER NOT NULL,
    actor_id TEXT NOT NULL,
    type TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (asserted, actor_id, type)
) WITHOUT ROWID;

-- table actors
CREATE TABLE actors (
    id TEXT PRIMARY KEY,               -- stable across articles: hash of kind + folded name
    name TEXT NOT NULL,
    kind TEXT,
    country TEXT,
    sector TEXT,
    aliases TEXT NOT NULL DEFAULT '[]'
);

-- table alerts
CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL,                -- the rule's name
    incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    at TEXT NOT NULL,                  -- when it fired (UTC)
    summary TEXT NOT NULL,             -- one line: date, type, place, actors, toll
    payload TEXT NOT NULL,             -- the alert as JSON (what --on-alert receives on stdin)
    command_status TEXT                -- what --on-alert did: exit code or why it failed; NULL when none ran
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

-- table article_copies
CREATE TABLE article_copies (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    source TEXT,
    url TEXT,
    published TEXT,                    -- as this outlet gave it
    path TEXT,                         -- where this copy was read from
    first_seen TEXT NOT NULL,          -- when ingest met this copy
    counted INTEGER NOT NULL DEFAULT 0 -- 1 once the incidents of its article count it (resolve)
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
    title, text, content="articles", content_rowid="rowid"
);

-- table date_spans
CREATE TABLE date_spans (
    asserted INTEGER PRIMARY KEY,
    days INTEGER NOT NULL
);

-- table errors
CREATE TABLE errors (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    line INTEGER,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
, count INTEGER NOT NULL DEFAULT 1, lines TEXT NOT NULL DEFAULT '[]', last_at TEXT);

-- table event_stats
CREATE TABLE event_stats (
    asserted INTEGER NOT NULL,
    type TEXT NOT NULL,
    month TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (asserted, type, month)
) WITHOUT ROWID;

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
, date_start TEXT, date_last TEXT);

-- table events_fts
CREATE VIRTUAL TABLE events_fts USING fts5(
    evidence, content="events", content_rowid="rowid", tokenize='trigram'
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
, date_start TEXT, date_last TEXT);

-- table place_stats
CREATE TABLE place_stats (
    asserted INTEGER NOT NULL,
    place TEXT NOT NULL,
    country TEXT NOT NULL,
    type TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (asserted, place, country, type)
) WITHOUT ROWID;

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
    text, speaker, content="quotes", content_rowid="rowid"
);

-- table sources
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    kind TEXT,                         -- feed, sitemap or page (as the sources file says, else detected)
    etag TEXT,                         -- validators of the last complete poll
    last_modified TEXT,
    last_poll TEXT,                    -- when it was last polled (UTC)
    last_status TEXT,                  -- "200", "304 not modified" or why the poll failed
    last_new INTEGER NOT NULL DEFAULT 0,   -- new items in the last poll
    polls INTEGER NOT NULL DEFAULT 0,
    items INTEGER NOT NULL DEFAULT 0,      -- items met, all polls
    errors INTEGER NOT NULL DEFAULT 0      -- failed polls and items, all polls
);

-- table table_counts
CREATE TABLE table_counts (
    name TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;

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

-- table watch_items
CREATE TABLE watch_items (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    url TEXT,                          -- normalized (no fragment, lower-case host)
    guid TEXT,                         -- the feed's id for the item, when it gives one
    article_id TEXT,                   -- the stored article (content hash) it gave, if any
    status TEXT NOT NULL,              -- stored, copy (another outlet's or an earlier item's article), failed
    reason TEXT,                       -- why it failed
    attempts INTEGER NOT NULL DEFAULT 1,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);

-- trigger actors_count_ad
CREATE TRIGGER actors_count_ad AFTER DELETE ON actors BEGIN
    UPDATE table_counts SET n = n - 1 WHERE name = 'actors';
END;

-- trigger actors_count_ai
CREATE TRIGGER actors_count_ai AFTER INSERT ON actors BEGIN
    UPDATE table_counts SET n = n + 1 WHERE name = 'actors';
END;

-- trigger article_actors_count_ad
CREATE TRIGGER article_actors_count_ad AFTER DELETE ON article_actors BEGIN
    UPDATE actor_counts SET n_articles = n_articles - 1 WHERE actor_id = old.actor_id;
END;

-- trigger article_actors_count_ai
CREATE TRIGGER article_actors_count_ai AFTER INSERT ON article_actors BEGIN
    INSERT INTO actor_counts (actor_id, n_articles) VALUES (new.actor_id, 1)
        ON CONFLICT DO UPDATE SET n_articles = n_articles + 1;
END;

-- trigger articles_ad
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;

-- trigger articles_ai
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

-- trigger articles_count_ad
CREATE TRIGGER articles_count_ad AFTER DELETE ON articles BEGIN
    UPDATE table_counts SET n = n - 1 WHERE name = 'articles';
END;

-- trigger articles_count_ai
CREATE TRIGGER articles_count_ai AFTER INSERT ON articles BEGIN
    UPDATE table_counts SET n = n + 1 WHERE name = 'articles';
END;

-- trigger events_actor_counts_au
CREATE TRIGGER events_actor_counts_au AFTER UPDATE OF actor_id, recipient_id ON events BEGIN
    UPDATE actor_counts SET n_events = n_events - 1 WHERE actor_id IN (old.actor_id, old.recipient_id);
    INSERT INTO actor_counts (actor_id, n_events) SELECT new.actor_id, 1 WHERE new.actor_id IS NOT NULL
        ON CONFLICT DO UPDATE SET n_events = n_events + 1;
    INSERT INTO actor_counts (actor_id, n_events) SELECT new.recipient_id, 1
        WHERE new.recipient_id IS NOT NULL AND new.recipient_id IS NOT new.actor_id
        ON CONFLICT DO UPDATE SET n_events = n_events + 1;
END;

-- trigger events_date_spans_ai
CREATE TRIGGER events_date_spans_ai AFTER INSERT ON events WHEN new.date_start IS NOT NULL BEGIN
    INSERT INTO date_spans (asserted, days)
        VALUES (new.asserted, CAST(julianday(new.date_last) - julianday(new.date_start) AS INTEGER))
        ON CONFLICT DO UPDATE SET days = MAX(days, excluded.days);
END;

-- trigger events_date_spans_au
CREATE TRIGGER events_date_spans_au AFTER UPDATE OF asserted, date_start, date_last ON events
WHEN new.date_start IS NOT NULL BEGIN
    INSERT INTO date_spans (asserted, days)
        VALUES (new.asserted, CAST(julianday(new.date_last) - julianday(new.date_start) AS INTEGER))
        ON CONFLICT DO UPDATE SET days = MAX(days, excluded.days);
END;

-- trigger events_stats_ad
CREATE TRIGGER events_stats_ad AFTER DELETE ON events BEGIN
    UPDATE event_stats SET n = n - 1 WHERE asserted = old.asserted AND type = old.type
        AND month = COALESCE(substr(old.date_start, 1, 7), '');
    UPDATE actor_stats SET n = n - 1 WHERE asserted = old.asserted AND actor_id = old.actor_id AND type = old.type;
    UPDATE place_stats SET n = n - 1 WHERE asserted = old.asserted AND place = old.place
        AND country = COALESCE(old.country, '') AND type = old.type;
    UPDATE table_counts SET n = n - 1 WHERE name = 'events' OR (name = 'asserted_events' AND old.asserted = 1);
    UPDATE actor_counts SET n_events = n_events - 1 WHERE actor_id IN (old.actor_id, old.recipient_id);
END;

-- trigger events_stats_ai
CREATE TRIGGER events_stats_ai AFTER INSERT ON events BEGIN
    INSERT INTO event_stats (asserted, type, month, n)
        VALUES (new.asserted, new.type, COALESCE(substr(new.date_start, 1, 7), ''), 1)
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

-- trigger events_stats_au
CREATE TRIGGER events_stats_au
AFTER UPDATE OF asserted, date, date_start, type, country, actor_id, place ON events
BEGIN
    UPDATE event_stats SET n = n - 1 WHERE asserted = old.asserted AND type = old.type
        AND month = COALESCE(substr(old.date_start, 1, 7), '');
    UPDATE actor_stats SET n = n - 1 WHERE asserted = old.asserted AND actor_id = old.actor_id AND type = old.type;
    UPDATE place_stats SET n = n - 1 WHERE asserted = old.asserted AND place = old.place
        AND country = COALESCE(old.country, '') AND type = old.type;
    UPDATE table_counts SET n = n - 1 WHERE name = 'asserted_events' AND old.asserted = 1;
    INSERT INTO event_stats (asserted, type, month, n)
        VALUES (new.asserted, new.type, COALESCE(substr(new.date_start, 1, 7), ''), 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO actor_stats (asserted, actor_id, type, n)
        SELECT new.asserted, new.actor_id, new.type, 1 WHERE new.actor_id IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO place_stats (asserted, place, country, type, n)
        SELECT new.asserted, new.place, COALESCE(new.country, ''), new.type, 1 WHERE new.place IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + 1;
    UPDATE table_counts SET n = n + 1 WHERE name = 'asserted_events' AND new.asserted = 1;
END;

-- trigger incidents_count_ad
CREATE TRIGGER incidents_count_ad AFTER DELETE ON incidents BEGIN
    UPDATE table_counts SET n = n - 1 WHERE name = 'incidents';
END;

-- trigger incidents_count_ai
CREATE TRIGGER incidents_count_ai AFTER INSERT ON incidents BEGIN
    UPDATE table_counts SET n = n + 1 WHERE name = 'incidents';
END;

-- trigger places_count_ad
CREATE TRIGGER places_count_ad AFTER DELETE ON places BEGIN
    UPDATE table_counts SET n = n - 1 WHERE name = 'places';
END;

-- trigger places_count_ai
CREATE TRIGGER places_count_ai AFTER INSERT ON places BEGIN
    UPDATE table_counts SET n = n + 1 WHERE name = 'places';
END;

-- trigger quotes_ad
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker) VALUES ('delete', old.rowid, old.text, old.speaker);
END;

-- trigger quotes_ai
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker) VALUES (new.rowid, new.text, new.speaker);
END;

-- trigger quotes_count_ad
CREATE TRIGGER quotes_count_ad AFTER DELETE ON quotes BEGIN
    UPDATE table_counts SET n = n - 1 WHERE name = 'quotes';
END;

-- trigger quotes_count_ai
CREATE TRIGGER quotes_count_ai AFTER INSERT ON quotes BEGIN
    UPDATE table_counts SET n = n + 1 WHERE name = 'quotes';
END;
