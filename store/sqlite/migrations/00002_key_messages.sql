-- +goose Up
CREATE TABLE key_messages (
    id             INTEGER PRIMARY KEY,
    agency_id      INTEGER NOT NULL REFERENCES agencies (id),
    title          TEXT NOT NULL,
    body           TEXT NOT NULL,
    classification INTEGER NOT NULL CHECK (classification BETWEEN 0 AND 2),
    created_by     INTEGER NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX key_messages_agency ON key_messages (agency_id, created_at);

-- +goose Down
DROP TABLE key_messages;
