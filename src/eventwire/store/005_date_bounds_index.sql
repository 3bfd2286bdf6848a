-- eventwire SQLite schema, version 5, second part (after date_start / date_last are filled).
-- Listing indexes: (filter or sort column, date_start, date_last, asserted). Each gives one filter's
-- rows, or one sort column's order, already ordered by the first day of the date (the tie-break),
-- with the last day and the asserted flag at hand: a page, a capped count and a date filter read
-- only index entries (queries.events orders by the same keys).
CREATE INDEX IF NOT EXISTS events_date ON events(date_start, date_last, asserted);
CREATE INDEX IF NOT EXISTS events_type ON events(type, date_start, date_last, asserted);
CREATE INDEX IF NOT EXISTS events_country ON events(country, date_start, date_last, asserted);
CREATE INDEX IF NOT EXISTS events_actor ON events(actor_id, date_start, date_last, asserted);
CREATE INDEX IF NOT EXISTS events_recipient ON events(recipient_id, date_start, date_last, asserted);
CREATE INDEX IF NOT EXISTS events_actor_name ON events(actor, date_start, date_last, asserted);
CREATE INDEX IF NOT EXISTS events_confidence ON events(confidence, date_start, date_last, asserted);
CREATE INDEX IF NOT EXISTS events_fatalities
    ON events(COALESCE(fatalities_best, fatalities_low), date_start, date_last, asserted);
CREATE INDEX IF NOT EXISTS incidents_date ON incidents(date_start, date_last);
-- The incidents listing's order (largest first), overall and within a type.
CREATE INDEX IF NOT EXISTS incidents_size ON incidents(n_articles, date_start, id);
CREATE INDEX IF NOT EXISTS incidents_type ON incidents(type, n_articles, date_start, id);

-- The longest date (days from date_start to date_last) among asserted (1) and other (0) events. A
-- `since` filter reads date_start from `since` minus this many days, so an event whose date began
-- before `since` and reaches into it (a week, a season, an interval) is found without reading
-- every older event. It only grows (a delete keeps it): a wider bound is slower, never wrong.
CREATE TABLE IF NOT EXISTS date_spans (
    asserted INTEGER PRIMARY KEY,
    days INTEGER NOT NULL
);
INSERT INTO date_spans (asserted, days)
    SELECT asserted, MAX(CAST(julianday(date_last) - julianday(date_start) AS INTEGER)) FROM events
    WHERE date_start IS NOT NULL GROUP BY asserted
    ON CONFLICT DO UPDATE SET days = MAX(days, excluded.days);
CREATE TRIGGER IF NOT EXISTS events_date_spans_ai AFTER INSERT ON events WHEN new.date_start IS NOT NULL BEGIN
    INSERT INTO date_spans (asserted, days)
        VALUES (new.asserted, CAST(julianday(new.date_last) - julianday(new.date_start) AS INTEGER))
        ON CONFLICT DO UPDATE SET days = MAX(days, excluded.days);
END;
CREATE TRIGGER IF NOT EXISTS events_date_spans_au AFTER UPDATE OF asserted, date_start, date_last ON events
WHEN new.date_start IS NOT NULL BEGIN
    INSERT INTO date_spans (asserted, days)
        VALUES (new.asserted, CAST(julianday(new.date_last) - julianday(new.date_start) AS INTEGER))
        ON CONFLICT DO UPDATE SET days = MAX(days, excluded.days);
END;

-- The overview's months: by the first day of the date ('' when undated or unreadable), rebuilt.
DELETE FROM event_stats;
INSERT INTO event_stats (asserted, type, month, n)
    SELECT asserted, type, COALESCE(substr(date_start, 1, 7), ''), COUNT(*) FROM events GROUP BY 1, 2, 3;
CREATE TRIGGER IF NOT EXISTS events_stats_ai AFTER INSERT ON events BEGIN
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
CREATE TRIGGER IF NOT EXISTS events_stats_ad AFTER DELETE ON events BEGIN
    UPDATE event_stats SET n = n - 1 WHERE asserted = old.asserted AND type = old.type
        AND month = COALESCE(substr(old.date_start, 1, 7), '');
    UPDATE actor_stats SET n = n - 1 WHERE asserted = old.asserted AND actor_id = old.actor_id AND type = old.type;
    UPDATE place_stats SET n = n - 1 WHERE asserted = old.asserted AND place = old.place
        AND country = COALESCE(old.country, '') AND type = old.type;
    UPDATE table_counts SET n = n - 1 WHERE name = 'events' OR (name = 'asserted_events' AND old.asserted = 1);
    UPDATE actor_counts SET n_events = n_events - 1 WHERE actor_id IN (old.actor_id, old.recipient_id);
END;
CREATE TRIGGER IF NOT EXISTS events_stats_au
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
