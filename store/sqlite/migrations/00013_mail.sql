-- +goose Up
-- E-mail alerts of saved searches. Recipients are users of the system
-- (confirmed at once) or outside addresses, which must confirm by a link
-- before receiving anything; every alert e-mail can unsubscribe them in
-- one click. Tokens are stored as their SHA-256 only. Deliveries are an
-- outbox written with the alert, sent and retried by a job; the rows are
-- the delivery log. Quiet hours and the hourly cap hold matches back in
-- alert_held (e-mails) and alert_more (in-app) until they are summarised.
ALTER TABLE saved_searches ADD COLUMN quiet_hours TEXT NOT NULL DEFAULT '';
CREATE TABLE mail_recipients (
    id         INTEGER PRIMARY KEY,
    search_id  INTEGER NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
    address    TEXT NOT NULL,
    user_id    INTEGER,
    status     TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
    created_us INTEGER NOT NULL,
    changed_us INTEGER NOT NULL,
    UNIQUE (search_id, address)
);
CREATE TABLE mail_tokens (
    hash         TEXT PRIMARY KEY,
    recipient_id INTEGER NOT NULL REFERENCES mail_recipients (id) ON DELETE CASCADE,
    purpose      TEXT NOT NULL CHECK (purpose IN ('confirm', 'unsubscribe')),
    created_us   INTEGER NOT NULL
);
CREATE INDEX mail_tokens_recipient ON mail_tokens (recipient_id);
CREATE TABLE mail_deliveries (
    id              INTEGER PRIMARY KEY,
    search_id       INTEGER NOT NULL,
    recipient_id    INTEGER NOT NULL REFERENCES mail_recipients (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('confirm', 'alert', 'digest', 'summary')),
    payload         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_us INTEGER NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    created_us      INTEGER NOT NULL,
    delivered_us    INTEGER
);
CREATE INDEX mail_deliveries_due ON mail_deliveries (status, next_attempt_us);
CREATE INDEX mail_deliveries_search ON mail_deliveries (search_id, created_us);
CREATE INDEX mail_deliveries_recipient ON mail_deliveries (recipient_id);
CREATE TABLE alert_held (
    id         INTEGER PRIMARY KEY,
    search_id  INTEGER NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
    quiet      BOOLEAN NOT NULL,
    item       TEXT NOT NULL,
    created_us INTEGER NOT NULL
);
CREATE INDEX alert_held_search ON alert_held (search_id, created_us);
-- How many matches of a search the hourly cap held back from the in-app
-- notifications, per hour: one "and N more" when the hour ends.
CREATE TABLE alert_more (
    search_id INTEGER NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
    hour_us   INTEGER NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (search_id, hour_us)
);

-- +goose Down
DROP TABLE alert_more;
DROP TABLE alert_held;
DROP TABLE mail_deliveries;
DROP TABLE mail_tokens;
DROP TABLE mail_recipients;
ALTER TABLE saved_searches DROP COLUMN quiet_hours;
