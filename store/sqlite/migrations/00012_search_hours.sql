-- +goose Up
-- Early warning: how many items each saved search matched per hour (the
-- hour the item was published, or arrived when its date is unknown or
-- old), the series the spike detector reads; and when a search's last
-- spike alert was raised, so that one episode alerts once.
CREATE TABLE search_hours (
    search_id INTEGER NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
    hour_us   INTEGER NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (search_id, hour_us)
);
ALTER TABLE saved_searches ADD COLUMN last_spike_us INTEGER;

-- +goose Down
ALTER TABLE saved_searches DROP COLUMN last_spike_us;
DROP TABLE search_hours;
