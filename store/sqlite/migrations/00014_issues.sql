-- +goose Up
-- Issues (package monitor/issuetrack): the clusterer's issues of each
-- agency as they stand, for pages, dashboards and briefs. number is the
-- clusterer's ID within the agency (issue.ID), id the one URLs use. An
-- issue is classified as its most secret item. title is the analyst's
-- name ('' when none), model_title the headline of its most central item;
-- sentiment is the analyst's for the whole issue ('' when none). mix,
-- sources, regions, people and organisations are JSON. An issue merged
-- into another keeps its row with merged_into set, so links still land.
CREATE TABLE issues (
    id             INTEGER PRIMARY KEY,
    agency_id      INTEGER NOT NULL REFERENCES agencies (id),
    number         INTEGER NOT NULL,
    classification INTEGER NOT NULL CHECK (classification BETWEEN 0 AND 2),
    title          TEXT NOT NULL,
    model_title    TEXT NOT NULL,
    first_us       INTEGER NOT NULL,
    last_us        INTEGER NOT NULL,
    items          INTEGER NOT NULL,
    pinned         INTEGER NOT NULL DEFAULT 0,
    sentiment      TEXT NOT NULL,
    mix            TEXT NOT NULL,
    sources        TEXT NOT NULL,
    regions        TEXT NOT NULL,
    people         TEXT NOT NULL,
    organisations  TEXT NOT NULL,
    reshaped       INTEGER NOT NULL DEFAULT 0,
    merged_into    INTEGER REFERENCES issues (id),
    updated_us     INTEGER NOT NULL,
    UNIQUE (agency_id, number)
);
CREATE INDEX issues_agency_last ON issues (agency_id, last_us);

-- Which issue each item is in, in the order the clusterer took the items
-- (seq, per agency, without gaps: a second process that took the same seq
-- fails on the unique key and rebuilds). sentiment is the analyst's for
-- the item ('' when none); at_us the time the clusterer gave the item.
CREATE TABLE issue_items (
    item_id    INTEGER PRIMARY KEY REFERENCES items (id),
    agency_id  INTEGER NOT NULL REFERENCES agencies (id),
    issue_id   INTEGER NOT NULL REFERENCES issues (id),
    seq        INTEGER NOT NULL,
    at_us      INTEGER NOT NULL,
    similarity REAL NOT NULL,
    sentiment  TEXT NOT NULL,
    UNIQUE (agency_id, seq)
);
CREATE INDEX issue_items_issue ON issue_items (issue_id, at_us);
CREATE INDEX issue_items_agency_at ON issue_items (agency_id, at_us);

-- The analysts' corrections, in order: the history an issue's page shows
-- (the audit log records them too). payload is the correction as JSON.
CREATE TABLE issue_corrections (
    id         INTEGER PRIMARY KEY,
    agency_id  INTEGER NOT NULL REFERENCES agencies (id),
    issue_id   INTEGER NOT NULL REFERENCES issues (id),
    op         TEXT NOT NULL,
    payload    TEXT NOT NULL,
    actor_id   INTEGER,
    actor_name TEXT NOT NULL,
    created_us INTEGER NOT NULL
);
CREATE INDEX issue_corrections_issue ON issue_corrections (issue_id, id);
CREATE INDEX issue_corrections_agency ON issue_corrections (agency_id, id);

-- +goose Down
DROP TABLE issue_corrections;
DROP TABLE issue_items;
DROP TABLE issues;
