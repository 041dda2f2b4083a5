-- +goose Up
-- The outbox of the messages the program sends on its own (package mail):
-- Tangkal's recirculation alerts, the leadership briefs. A row is written
-- with what raised it and sent by a job, retried with back-off; once sent
-- it keeps only its recipients and subject, as the log. The message is
-- JSON (recipients, subject, bodies, headers, attachments).
CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY,
    origin          TEXT NOT NULL,
    origin_id       INTEGER NOT NULL,
    message         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_us INTEGER NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    created_us      INTEGER NOT NULL,
    sent_us         INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_us);
CREATE INDEX mail_outbox_origin ON mail_outbox (origin, origin_id);

-- +goose Down
DROP TABLE mail_outbox;
