-- +goose Up
-- An agency's alert webhook: the alerts that go to an agency rather than
-- to one saved search (Tangkal's recirculation alerts) are also POSTed
-- to it, signed under its secret, through the same outbox of deliveries.
-- A delivery names its search or its agency (the other is 0), and what it
-- reports (the X-Sinergi-Event header).
CREATE TABLE agency_webhooks (
    agency_id  INTEGER PRIMARY KEY REFERENCES agencies (id),
    url        TEXT NOT NULL,
    secret     TEXT NOT NULL,
    updated_us INTEGER NOT NULL
);
ALTER TABLE webhook_deliveries ADD COLUMN agency_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE webhook_deliveries ADD COLUMN event TEXT NOT NULL DEFAULT 'alert';
CREATE INDEX webhook_deliveries_agency ON webhook_deliveries (agency_id, created_us);

-- +goose Down
DROP INDEX webhook_deliveries_agency;
ALTER TABLE webhook_deliveries DROP COLUMN event;
ALTER TABLE webhook_deliveries DROP COLUMN agency_id;
DROP TABLE agency_webhooks;
