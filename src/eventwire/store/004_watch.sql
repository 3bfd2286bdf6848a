-- eventwire SQLite schema, version 4: live monitoring (`eventwire watch`) and alerts.
-- `sources` is each polled feed, sitemap or section page with the validators of its last complete
-- poll (a conditional GET sends them back); they are saved only once every new item the poll found
-- is stored or recorded as failed, so an interrupted poll is repeated in full by the next run.
-- `watch_items` is every item a poll met, keyed by its URL and by its feed GUID (per source): an item
-- met again is not fetched again. `alerts` is each rule hit, one per rule and incident.

CREATE TABLE IF NOT EXISTS sources (
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

CREATE TABLE IF NOT EXISTS watch_items (
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
CREATE UNIQUE INDEX IF NOT EXISTS watch_items_url ON watch_items(url) WHERE url IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS watch_items_guid ON watch_items(source_id, guid) WHERE guid IS NOT NULL;
CREATE INDEX IF NOT EXISTS watch_items_seen ON watch_items(first_seen);

CREATE TABLE IF NOT EXISTS alerts (
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL,                -- the rule's name
    incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    at TEXT NOT NULL,                  -- when it fired (UTC)
    summary TEXT NOT NULL,             -- one line: date, type, place, actors, toll
    payload TEXT NOT NULL,             -- the alert as JSON (what --on-alert receives on stdin)
    command_status TEXT                -- what --on-alert did: exit code or why it failed; NULL when none ran
);
CREATE UNIQUE INDEX IF NOT EXISTS alerts_rule_incident ON alerts(rule, incident_id);
CREATE INDEX IF NOT EXISTS alerts_at ON alerts(at);

-- "what arrived since your last visit" on the overview reads articles by when they were stored
CREATE INDEX IF NOT EXISTS articles_ingested ON articles(ingested_at);
