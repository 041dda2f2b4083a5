-- +goose Up
-- Saved searches (package monitor): a query with a name, an owner, a
-- sharing and an alert. Labels are words between spaces (" banjir jambi ").
CREATE TABLE saved_searches (
    id         INTEGER PRIMARY KEY,
    agency_id  INTEGER NOT NULL REFERENCES agencies (id),
    owner_id   INTEGER NOT NULL REFERENCES users (id),
    name       TEXT NOT NULL,
    query      TEXT NOT NULL,
    sharing    TEXT NOT NULL CHECK (sharing IN ('private', 'agency', 'network')),
    locked     INTEGER NOT NULL DEFAULT 0,
    labels     TEXT NOT NULL,
    alert      TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX saved_searches_owner ON saved_searches (owner_id);
CREATE INDEX saved_searches_agency ON saved_searches (agency_id);

-- In-app notifications. The message is JSON {"key": i18n key, "args": [...]}.
-- A notification outlives its saved search and its item (no foreign keys
-- there): it says what happened then.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    search_id  INTEGER,
    item_id    INTEGER,
    message    TEXT NOT NULL,
    link       TEXT NOT NULL,
    created_us INTEGER NOT NULL,
    read_us    INTEGER
);
CREATE INDEX notifications_user ON notifications (user_id, created_us);

-- +goose Down
DROP TABLE notifications;
DROP TABLE saved_searches;
