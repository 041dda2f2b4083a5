-- +goose Up
CREATE TABLE agencies (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES agencies (id),
    path        TEXT NOT NULL,
    name        TEXT NOT NULL,
    short_name  TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL,
    region_code TEXT NOT NULL DEFAULT '',
    time_zone   TEXT NOT NULL CHECK (time_zone IN ('WIB', 'WITA', 'WIT')),
    email       TEXT NOT NULL DEFAULT '',
    website     TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
-- Two agencies under one parent may not share a name.
CREATE UNIQUE INDEX agencies_parent_name ON agencies (COALESCE(parent_id, 0), lower(name));
CREATE INDEX agencies_path ON agencies (path);
CREATE INDEX agencies_region ON agencies (region_code);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    agency_id     INTEGER NOT NULL REFERENCES agencies (id),
    username      TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    email         TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL,
    clearance     INTEGER NOT NULL CHECK (clearance BETWEEN 0 AND 2),
    language      TEXT NOT NULL DEFAULT 'id',
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    password_hash TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    last_login_at TIMESTAMP
);
CREATE INDEX users_agency ON users (agency_id);

CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    address    TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    time        TIMESTAMP NOT NULL,
    actor_id    INTEGER NOT NULL,
    actor_name  TEXT NOT NULL,
    agency_id   INTEGER NOT NULL,
    agency_path TEXT NOT NULL,
    action      TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id   TEXT NOT NULL,
    summary     TEXT NOT NULL,
    summary_args TEXT NOT NULL DEFAULT '[]',
    address     TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_log_time ON audit_log (time);
CREATE INDEX audit_log_action ON audit_log (action);
CREATE INDEX audit_log_agency ON audit_log (agency_path);

-- The last entry appended; lets verify notice entries cut off the end.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

-- +goose Down
DROP TABLE audit_head;
DROP TABLE audit_log;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE agencies;
