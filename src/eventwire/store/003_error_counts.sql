-- eventwire SQLite schema, version 3: one errors row per input and reason, with a count.
-- A bad input used to add a row per occurrence and again on every re-run (a .jsonl.gz of 200,000
-- `{}` lines wrote 200,000 rows). Now `count` says how often the input met the reason in the last run
-- that read it, `lines` keeps the first line numbers (at most 20), `at` is when it was first met and
-- `last_at` the last time. Rows already stored are folded the same way.

ALTER TABLE errors ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE errors ADD COLUMN lines TEXT NOT NULL DEFAULT '[]';
ALTER TABLE errors ADD COLUMN last_at TEXT;
CREATE INDEX IF NOT EXISTS errors_fold ON errors(path, reason, line);
UPDATE errors SET
    count = MAX(1, (SELECT COUNT(DISTINCT d.line) FROM errors d WHERE d.path = errors.path AND d.reason = errors.reason)),
    lines = (SELECT json_group_array(line) FROM (
        SELECT DISTINCT d.line FROM errors d
        WHERE d.path = errors.path AND d.reason = errors.reason AND d.line IS NOT NULL ORDER BY d.line LIMIT 20)),
    last_at = (SELECT MAX(d.at) FROM errors d WHERE d.path = errors.path AND d.reason = errors.reason)
WHERE id IN (SELECT MIN(id) FROM errors GROUP BY path, reason);
DELETE FROM errors WHERE id NOT IN (SELECT MIN(id) FROM errors GROUP BY path, reason);
DROP INDEX errors_fold;
CREATE UNIQUE INDEX IF NOT EXISTS errors_input_reason ON errors(path, reason);
