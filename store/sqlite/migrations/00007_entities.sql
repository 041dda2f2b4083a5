-- +goose Up
-- The named entities the analysis found in an item ("PER:Joko Widodo",
-- "ORG:KPK"), one per line.
ALTER TABLE item_texts ADD COLUMN entities TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE item_texts DROP COLUMN entities;
