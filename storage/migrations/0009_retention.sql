-- Issue 7 (operations): personal data is kept `retention_days` after a series' last session,
-- then purged; what the final report needs survives as counts without names.
ALTER TABLE series ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 90;

-- When the delegate agreed to the notice of what is stored and why (NULL: registered before
-- the notice existed, or imported by their unit).
ALTER TABLE delegates ADD COLUMN consented_at TEXT;

-- The roll-up counts of purged delegates, per session, commune and category; the roll-up adds
-- them to the live counts of the delegates still stored.
CREATE TABLE session_tallies (
    session_id   TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    commune_code TEXT NOT NULL,  -- '' for city-level bodies
    commune_name TEXT NOT NULL,
    category_code TEXT NOT NULL,
    registered   INTEGER NOT NULL DEFAULT 0,
    in_person    INTEGER NOT NULL DEFAULT 0,
    online       INTEGER NOT NULL DEFAULT 0,
    absent       INTEGER NOT NULL DEFAULT 0,
    substitute   INTEGER NOT NULL DEFAULT 0,
    not_answered INTEGER NOT NULL DEFAULT 0,
    unreachable  INTEGER NOT NULL DEFAULT 0,
    present      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, commune_code, category_code)
);
