-- +goose Up
-- Webhooks of saved searches: each instant alert is also POSTed as JSON,
-- signed with HMAC-SHA256 under the search's secret, to its URL. The
-- deliveries are an outbox written with the alert: a job sends the due
-- ones and retries failures with back-off; the rows are the delivery log.
ALTER TABLE saved_searches ADD COLUMN webhook_url TEXT NOT NULL DEFAULT '';
ALTER TABLE saved_searches ADD COLUMN webhook_secret TEXT NOT NULL DEFAULT '';
CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY,
    search_id       INTEGER NOT NULL,
    url             TEXT NOT NULL,
    payload         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_us INTEGER NOT NULL,
    last_status     INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    created_us      INTEGER NOT NULL,
    delivered_us    INTEGER
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_us);
CREATE INDEX webhook_deliveries_search ON webhook_deliveries (search_id, created_us);

-- +goose Down
DROP TABLE webhook_deliveries;
ALTER TABLE saved_searches DROP COLUMN webhook_secret;
ALTER TABLE saved_searches DROP COLUMN webhook_url;
