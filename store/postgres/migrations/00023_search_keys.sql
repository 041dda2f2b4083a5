-- +goose Up
-- On SQLite this version re-keys the full-text index by publication
-- second (a Go migration, store/sqlite/searchkeys.go). PostgreSQL's
-- tsvector and its index on published_us need nothing: the version is
-- recorded so that both engines number their migrations alike.
SELECT 1;

-- +goose Down
SELECT 1;
