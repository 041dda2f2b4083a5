-- +goose Up
-- Dashboards count one agency's items over a period (per hour, source,
-- region and sentiment): an index on the agency and the publication time
-- finds them without reading the agency's whole archive.
CREATE INDEX items_agency_published ON items (agency_id, published_us);

-- +goose Down
DROP INDEX items_agency_published;
