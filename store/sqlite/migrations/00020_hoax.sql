-- +goose Up
-- Tangkal, the hoax registry (package hoax). A claim is unique per agency
-- by its key (the fact-check's URL, or "<format>:<id>"), so that an import
-- run twice updates instead of adding copies. Lists (sources, references,
-- regions, people, organisations) are JSON arrays. The clarification is
-- the agency's official answer with its own approval state.
CREATE TABLE hoax_claims (
    id                 INTEGER PRIMARY KEY,
    agency_id          INTEGER NOT NULL REFERENCES agencies (id),
    classification     INTEGER NOT NULL CHECK (classification BETWEEN 0 AND 2),
    claim_key          TEXT NOT NULL,
    title              TEXT NOT NULL,
    claim              TEXT NOT NULL,
    summary            TEXT NOT NULL,
    explanation        TEXT NOT NULL,
    verdict_vocabulary TEXT NOT NULL,
    verdict_label      TEXT NOT NULL,
    verdict_score      REAL NOT NULL CHECK (verdict_score BETWEEN 0 AND 1),
    category           TEXT NOT NULL,
    url                TEXT NOT NULL,
    fact_checker       TEXT NOT NULL,
    sources            TEXT NOT NULL,
    refs               TEXT NOT NULL,
    regions            TEXT NOT NULL,
    people             TEXT NOT NULL,
    organisations      TEXT NOT NULL,
    lang               TEXT NOT NULL,
    first_us           INTEGER,
    reviewed_us        INTEGER,
    active             INTEGER NOT NULL DEFAULT 0,
    published          INTEGER NOT NULL DEFAULT 0,
    clar_text          TEXT NOT NULL DEFAULT '',
    clar_status        TEXT NOT NULL DEFAULT '' CHECK (clar_status IN ('', 'draft', 'approved', 'rejected')),
    clar_by            TEXT NOT NULL DEFAULT '',
    clar_us            INTEGER,
    created_us         INTEGER NOT NULL,
    updated_us         INTEGER NOT NULL,
    UNIQUE (agency_id, claim_key)
);
CREATE INDEX hoax_claims_reviewed ON hoax_claims (coalesce(reviewed_us, first_us, created_us));
CREATE INDEX hoax_claims_public ON hoax_claims (published, classification);

-- An appearance is one sighting of a claim: an archive item (kind
-- 'item'), another registry entry restating it ('claim') or a citizen's
-- check ('check', of which only the time is kept). agency_id and
-- classification are the sighting's own, for access. One per claim and
-- item, and per claim and other claim.
CREATE TABLE hoax_appearances (
    id             INTEGER PRIMARY KEY,
    claim_id       INTEGER NOT NULL REFERENCES hoax_claims (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('item', 'claim', 'check')),
    item_id        INTEGER REFERENCES items (id) ON DELETE CASCADE,
    other_claim_id INTEGER REFERENCES hoax_claims (id) ON DELETE CASCADE,
    agency_id      INTEGER REFERENCES agencies (id),
    classification INTEGER NOT NULL CHECK (classification BETWEEN 0 AND 2),
    title          TEXT NOT NULL,
    source         TEXT NOT NULL,
    url            TEXT NOT NULL,
    regions        TEXT NOT NULL,
    at_us          INTEGER NOT NULL,
    score          REAL NOT NULL,
    decision       TEXT NOT NULL CHECK (decision IN ('confirmed', 'suggested')),
    stance         TEXT NOT NULL CHECK (stance IN ('', 'repeat', 'refute')),
    words          TEXT NOT NULL,
    alerted        INTEGER NOT NULL DEFAULT 0,
    created_us     INTEGER NOT NULL
);
CREATE UNIQUE INDEX hoax_appearances_item ON hoax_appearances (claim_id, item_id) WHERE item_id IS NOT NULL;
CREATE UNIQUE INDEX hoax_appearances_claim ON hoax_appearances (claim_id, other_claim_id) WHERE other_claim_id IS NOT NULL;
CREATE INDEX hoax_appearances_time ON hoax_appearances (claim_id, at_us);
CREATE INDEX hoax_appearances_alerted ON hoax_appearances (claim_id, agency_id, created_us) WHERE alerted = 1;

-- +goose Down
DROP TABLE hoax_appearances;
DROP TABLE hoax_claims;
