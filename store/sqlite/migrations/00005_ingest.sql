-- +goose Up
-- The ingestion pipeline (package ingest). Times are microseconds since
-- 1970 UTC, as in items.
--
-- feed_states: one row per feed, what polling knows of it: the validators
-- for conditional GET, when it is due, how often it publishes, how it
-- failed, and its health. A feed added later gets its row from the store.
CREATE TABLE feed_states (
    feed_id        INTEGER PRIMARY KEY REFERENCES source_feeds (id),
    etag           TEXT NOT NULL DEFAULT '',
    last_modified  TEXT NOT NULL DEFAULT '',
    next_poll_us   INTEGER NOT NULL DEFAULT 0,
    interval_s     INTEGER NOT NULL DEFAULT 0,
    rate_per_hour  REAL NOT NULL DEFAULT 0,
    last_poll_us   INTEGER,
    last_ok_us     INTEGER,
    last_new_us    INTEGER,
    first_new_us   INTEGER,
    last_status    INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT NOT NULL DEFAULT '',
    failures       INTEGER NOT NULL DEFAULT 0,
    polls          INTEGER NOT NULL DEFAULT 0,
    not_modified   INTEGER NOT NULL DEFAULT 0,
    items_new      INTEGER NOT NULL DEFAULT 0,
    health         TEXT NOT NULL DEFAULT 'new',
    health_since_us INTEGER,
    health_reason  TEXT NOT NULL DEFAULT '',
    hub            TEXT NOT NULL DEFAULT '',
    hub_topic      TEXT NOT NULL DEFAULT '',
    hub_lease_us   INTEGER
);
CREATE INDEX feed_states_due ON feed_states (next_poll_us);
INSERT INTO feed_states (feed_id) SELECT id FROM source_feeds;

-- A feed may ask for its articles' pages to be fetched and extracted,
-- when it gives only summaries.
ALTER TABLE source_feeds ADD COLUMN full_text INTEGER NOT NULL DEFAULT 0;

-- appearances: every publication of a story. The first appearance of a
-- story is stored as an item; a copy (same URL, same text, a near
-- duplicate) is recorded here against the story's item and not stored
-- again. ident is the appearance's identity within the agency: its
-- canonical URL, or the source and content hash of an item without one;
-- the unique index is what makes a repeated poll store nothing twice.
CREATE TABLE appearances (
    id           INTEGER PRIMARY KEY,
    agency_id    INTEGER NOT NULL REFERENCES agencies (id),
    item_id      INTEGER NOT NULL REFERENCES items (id),
    ident        TEXT NOT NULL,
    source_id    INTEGER REFERENCES sources (id),
    feed_id      INTEGER REFERENCES source_feeds (id),
    source       TEXT NOT NULL,
    url          TEXT NOT NULL,
    how          TEXT NOT NULL,
    similarity   REAL NOT NULL,
    published_us INTEGER,
    seen_us      INTEGER NOT NULL
);
CREATE UNIQUE INDEX appearances_key ON appearances (agency_id, ident);
CREATE INDEX appearances_item ON appearances (item_id);
CREATE INDEX appearances_feed ON appearances (feed_id, seen_us);

-- alarms: in-app alarms for an agency's administrators (a feed that went
-- late or failing). One open alarm per subject; cleared when it recovers.
CREATE TABLE alarms (
    id         INTEGER PRIMARY KEY,
    agency_id  INTEGER NOT NULL REFERENCES agencies (id),
    subject    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    message    TEXT NOT NULL, -- JSON {"key": i18n key, "args": [...]}
    raised_us  INTEGER NOT NULL,
    cleared_us INTEGER
);
CREATE INDEX alarms_open ON alarms (agency_id, cleared_us);

-- +goose Down
DROP TABLE alarms;
DROP TABLE appearances;
ALTER TABLE source_feeds DROP COLUMN full_text;
DROP TABLE feed_states;
