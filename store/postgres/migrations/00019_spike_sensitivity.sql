-- +goose Up
-- Early warning: how readily a saved search's volume alerts (package
-- monitor/spike): low, medium or high, k = 3, 2.5 or 2 standard
-- deviations above its baseline.
ALTER TABLE saved_searches ADD COLUMN sensitivity TEXT NOT NULL DEFAULT 'medium';

-- +goose Down
ALTER TABLE saved_searches DROP COLUMN sensitivity;
