-- +goose Up
-- The version of the analysis (archive.AnalysisVersion) the archive's
-- stored words were made with; one row. No row: unknown, as in an archive
-- filled before this table, which the server then analyses again.
CREATE TABLE archive_analysis (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);

-- +goose Down
DROP TABLE archive_analysis;
