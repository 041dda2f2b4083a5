-- +goose Up
-- Digest alerts: a saved search may speak every 15 minutes, hourly or
-- daily at a local time (digest_at, "06:30" in its agency's zone) instead
-- of at once. digest_entries holds the matches waiting for the next
-- digest; last_digest_us is when the last one was sent.
ALTER TABLE saved_searches ADD COLUMN digest_at TEXT NOT NULL DEFAULT '';
ALTER TABLE saved_searches ADD COLUMN last_digest_us INTEGER;
CREATE TABLE digest_entries (
    search_id  INTEGER NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
    item_id    INTEGER NOT NULL,
    title      TEXT NOT NULL,
    created_us INTEGER NOT NULL,
    PRIMARY KEY (search_id, item_id)
);

-- +goose Down
DROP TABLE digest_entries;
ALTER TABLE saved_searches DROP COLUMN last_digest_us;
ALTER TABLE saved_searches DROP COLUMN digest_at;
