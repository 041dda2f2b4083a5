-- +goose Up
-- What a feed's own dates say: the newest publication time it has listed,
-- and how many items a day its listed entries span. Health reads them, so
-- a feed that went silent is seen at its first poll.
ALTER TABLE feed_states ADD COLUMN last_published_us INTEGER;
ALTER TABLE feed_states ADD COLUMN dated_per_day REAL NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE feed_states DROP COLUMN dated_per_day;
ALTER TABLE feed_states DROP COLUMN last_published_us;
