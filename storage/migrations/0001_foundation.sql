-- Series, sessions and categories come from the plan file; accounts are chat identities;
-- delegates are the people who registered; conversations hold a half-done dialogue.
CREATE TABLE series (
    id               TEXT PRIMARY KEY,
    title            TEXT NOT NULL,
    province         TEXT NOT NULL,
    organiser        TEXT NOT NULL,
    timezone         TEXT NOT NULL,
    reminder_offsets TEXT NOT NULL,
    allow_groups     INTEGER NOT NULL DEFAULT 0,
    revision         INTEGER NOT NULL DEFAULT 1,
    loaded_at        TEXT NOT NULL
);

CREATE TABLE categories (
    series_id TEXT NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    code      TEXT NOT NULL,
    label     TEXT NOT NULL,
    grp       TEXT NOT NULL DEFAULT '',
    position  INTEGER NOT NULL,
    PRIMARY KEY (series_id, code)
);

CREATE TABLE sessions (
    id             TEXT PRIMARY KEY,
    series_id      TEXT NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    level          TEXT NOT NULL CHECK (level IN ('commune', 'city')),
    title          TEXT NOT NULL DEFAULT '',
    commune_code   INTEGER,
    commune_name   TEXT,
    starts_at      TEXT NOT NULL,
    ends_at        TEXT NOT NULL,
    venue_name     TEXT NOT NULL,
    venue_address  TEXT NOT NULL,
    latitude       REAL,
    longitude      REAL,
    expected_min   INTEGER NOT NULL,
    expected_max   INTEGER NOT NULL,
    tentative      INTEGER NOT NULL DEFAULT 0,
    online_allowed INTEGER NOT NULL DEFAULT 0,
    topics         TEXT NOT NULL DEFAULT '[]',
    speakers       TEXT NOT NULL DEFAULT '[]',
    cancelled      INTEGER NOT NULL DEFAULT 0,
    updated_at     TEXT NOT NULL
);
CREATE INDEX sessions_by_series ON sessions (series_id, starts_at);

CREATE TABLE delegates (
    id             INTEGER PRIMARY KEY,
    commune_code   INTEGER,
    commune_name   TEXT,
    full_name      TEXT NOT NULL,
    position       TEXT NOT NULL,
    category_code  TEXT NOT NULL,
    category_other TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    invite_code    TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX delegates_by_commune ON delegates (commune_code);

CREATE TABLE accounts (
    id           INTEGER PRIMARY KEY,
    channel      TEXT NOT NULL,
    external_id  TEXT NOT NULL,
    chat_id      TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    delegate_id  INTEGER REFERENCES delegates(id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    UNIQUE (channel, external_id)
);
CREATE INDEX accounts_by_delegate ON accounts (delegate_id);

CREATE TABLE conversations (
    account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    flow       TEXT NOT NULL,
    step       TEXT NOT NULL,
    data       TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL
);
