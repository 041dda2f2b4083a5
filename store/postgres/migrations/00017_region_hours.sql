-- +goose Up
-- Early warning per region: how many public items of each agency were
-- about each province and kabupaten/kota per hour (the hour the item was
-- published, or arrived when its date is unknown or old); and when each
-- such series' last spike alert was raised, so one episode alerts once.
CREATE TABLE region_hours (
    agency_id BIGINT NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    code      TEXT NOT NULL,
    hour_us   BIGINT NOT NULL,
    n         BIGINT NOT NULL,
    PRIMARY KEY (agency_id, code, hour_us)
);
CREATE INDEX region_hours_hour ON region_hours (hour_us);
CREATE TABLE region_spikes (
    agency_id     BIGINT NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    code          TEXT NOT NULL,
    last_spike_us BIGINT NOT NULL,
    PRIMARY KEY (agency_id, code)
);

-- +goose Down
DROP TABLE region_spikes;
DROP TABLE region_hours;
