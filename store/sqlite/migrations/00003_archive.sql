-- +goose Up
-- The archive of monitored items. Times are microseconds since 1970 UTC;
-- regions are kode wilayah between spaces (" 15 15.71 "). A search reads
-- the row of every match for its filters, so items holds only the short
-- columns (many rows to a page); the texts and the analysed words
-- (archive.Analysis, read to verify and highlight) are in item_texts.
CREATE TABLE items (
    id             INTEGER PRIMARY KEY,
    agency_id      INTEGER NOT NULL REFERENCES agencies (id),
    classification INTEGER NOT NULL CHECK (classification BETWEEN 0 AND 2),
    published_us   INTEGER,
    source_key     TEXT NOT NULL,
    lang           TEXT NOT NULL,
    sentiment      TEXT NOT NULL,
    type           TEXT NOT NULL,
    regions        TEXT NOT NULL,
    source         TEXT NOT NULL,
    fetched_us     INTEGER NOT NULL,
    imported_us    INTEGER NOT NULL
);
CREATE TABLE item_texts (
    item_id  INTEGER PRIMARY KEY REFERENCES items (id),
    title    TEXT NOT NULL,
    body     TEXT NOT NULL,
    url      TEXT NOT NULL,
    author   TEXT NOT NULL,
    analysis BLOB NOT NULL
);
CREATE INDEX items_published ON items (published_us);
CREATE INDEX items_agency ON items (agency_id);
CREATE INDEX items_source ON items (source_key);
-- The full-text index holds only tokens (archive.Token: a-z, 0-9 and _),
-- one per word position, so FTS5's phrases and NEAR see our positions.
-- Contentless: the words are in items.analysis already.
CREATE VIRTUAL TABLE items_fts USING fts5 (
    title_roots, text_roots, title_folded, text_folded,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
);
-- Every distinct token of the index, for counting prefix expansions.
CREATE VIRTUAL TABLE items_vocab USING fts5vocab (items_fts, 'row');

-- +goose Down
DROP TABLE items_vocab;
DROP TABLE items_fts;
DROP TABLE item_texts;
DROP TABLE items;
