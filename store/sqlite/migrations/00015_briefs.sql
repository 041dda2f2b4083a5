-- +goose Up
-- The leadership brief (package brief). An agency names its leader
-- (pimpinan), whom the brief's "about us" section looks for besides the
-- agency's names, and the local time ("06:00", its own zone) of its daily
-- brief.
ALTER TABLE agencies ADD COLUMN leader TEXT NOT NULL DEFAULT '';
ALTER TABLE agencies ADD COLUMN brief_at TEXT NOT NULL DEFAULT '06:00';

-- A brief is an immutable snapshot: its content as canonical JSON and the
-- SHA-256 of it, the window it covers, the format of the content, the
-- classification ceiling of the items it holds, and the versions of the
-- queries it ran. day is the agency's local date of a scheduled brief
-- (NULL for one made on demand): unique per agency, so two processes
-- cannot make the same day's brief twice.
CREATE TABLE briefs (
    id             INTEGER PRIMARY KEY,
    agency_id      INTEGER NOT NULL REFERENCES agencies (id),
    since_us       INTEGER NOT NULL,
    until_us       INTEGER NOT NULL,
    generated_us   INTEGER NOT NULL,
    day            TEXT,
    format         INTEGER NOT NULL,
    classification INTEGER NOT NULL CHECK (classification BETWEEN 0 AND 2),
    queries        TEXT NOT NULL,
    content        TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    created_by     INTEGER REFERENCES users (id),
    CHECK (since_us < until_us)
);
CREATE INDEX briefs_agency ON briefs (agency_id, until_us);
CREATE UNIQUE INDEX briefs_agency_day ON briefs (agency_id, day);
-- The brief reads one agency's items of one window.
CREATE INDEX items_agency_time ON items (agency_id, (coalesce(published_us, fetched_us)));

-- Past briefs stay as they were: the database refuses to change one.
-- +goose StatementBegin
CREATE TRIGGER briefs_immutable BEFORE UPDATE ON briefs
BEGIN
    SELECT RAISE(ABORT, 'briefs are immutable');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER briefs_immutable;
DROP INDEX items_agency_time;
DROP TABLE briefs;
ALTER TABLE agencies DROP COLUMN brief_at;
ALTER TABLE agencies DROP COLUMN leader;
