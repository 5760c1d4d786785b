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

-- Deleting a delegate or an account (a purge, /xoa) looks up the rows that hang on it by
-- foreign key: without these indexes, every deleted row scans the whole child table.
CREATE INDEX attendance_by_delegate ON attendance (delegate_id);
CREATE INDEX checkins_by_delegate ON checkins (delegate_id);
CREATE INDEX outbox_by_account ON outbox (account_id);
CREATE INDEX link_codes_by_delegate ON link_codes (delegate_id);
CREATE INDEX link_codes_by_account ON link_codes (account_id);
