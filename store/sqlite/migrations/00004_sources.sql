-- +goose Up
-- The registry of watched sources (package source). Lists are kept as
-- words between spaces (" kompas.id kompas.tv "), so a LIKE finds one.
CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    agency_id   INTEGER NOT NULL REFERENCES agencies (id),
    name        TEXT NOT NULL,
    home_page   TEXT NOT NULL,
    domain      TEXT NOT NULL,
    alt_domains TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    lang        TEXT NOT NULL,
    region_code TEXT NOT NULL,
    collections TEXT NOT NULL,
    notes       TEXT NOT NULL,
    paused      INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
-- One agency registers a domain once.
CREATE UNIQUE INDEX sources_agency_domain ON sources (agency_id, domain);
CREATE TABLE source_feeds (
    id        INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources (id),
    url       TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('feed', 'sitemap', 'page'))
);
CREATE UNIQUE INDEX source_feeds_source_url ON source_feeds (source_id, url);

-- +goose Down
DROP TABLE source_feeds;
DROP TABLE sources;
