-- +goose Up
-- Dashboards count one agency's items over a period per hour, sentiment,
-- source and set of regions, within the viewer's classification. This
-- index holds every column those counts read, so a dashboard reads the
-- period's index entries and never the table.
CREATE INDEX items_agency_published ON items (agency_id, published_us, classification, sentiment, source, regions);

-- +goose Down
DROP INDEX items_agency_published;
