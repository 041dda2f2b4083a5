-- +goose Up
-- Leases on work that one process at a time may do, whatever the number
-- of servers on the database (the archive's reanalysis): a holder keeps
-- its lease by renewing it before until_us (microseconds since 1970 UTC);
-- a lease past that is free, so a process that died leaves nothing held.
CREATE TABLE leases (
    name     TEXT PRIMARY KEY,
    holder   TEXT NOT NULL,
    until_us BIGINT NOT NULL
);

-- +goose Down
DROP TABLE leases;
