-- eventwire SQLite schema, version 5, first part: the days a date covers, as sortable ISO days.
-- An event's `date` is an ISO 8601 value at its precision (2025-12-31, 2025-W52, 2025-09, 2025-SU,
-- 2025); as text a week sorts after every day of its year. `date_start` is the first day the date
-- covers and `date_last` the last day of the date or of its interval end (`date_end`), both
-- YYYY-MM-DD (periods.date_bounds); listings sort by date_start and date filters test the overlap.
-- Store.migrate fills them for the rows already stored (Python), then runs 005_date_bounds_index.sql,
-- all in one transaction with the version bump: an interrupted migration leaves version 4 intact.

ALTER TABLE events ADD COLUMN date_start TEXT;
ALTER TABLE events ADD COLUMN date_last TEXT;
ALTER TABLE incidents ADD COLUMN date_start TEXT;
ALTER TABLE incidents ADD COLUMN date_last TEXT;

-- The rollup triggers bucket months by date_start from now on; they come back after the backfill.
DROP TRIGGER IF EXISTS events_stats_ai;
DROP TRIGGER IF EXISTS events_stats_ad;
DROP TRIGGER IF EXISTS events_stats_au;
-- The listing indexes were ordered by `date`; they come back ordered by date_start.
DROP INDEX IF EXISTS events_date;
DROP INDEX IF EXISTS events_type;
DROP INDEX IF EXISTS events_country;
DROP INDEX IF EXISTS events_actor;
DROP INDEX IF EXISTS events_recipient;
DROP INDEX IF EXISTS events_actor_name;
DROP INDEX IF EXISTS events_confidence;
DROP INDEX IF EXISTS events_fatalities;
DROP INDEX IF EXISTS incidents_date;
DROP INDEX IF EXISTS incidents_size;
DROP INDEX IF EXISTS incidents_type;
