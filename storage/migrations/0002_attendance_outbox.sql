-- Issue 3: who is invited, what they answered (with history), who was present, what is queued
-- to be sent, and the roles that may check people in.

-- A short, stable number per session for QR codes and deep links (64-character limits).
ALTER TABLE sessions ADD COLUMN num INTEGER;
UPDATE sessions SET num = (SELECT count(*) FROM sessions s WHERE s.id <= sessions.id);
CREATE UNIQUE INDEX sessions_by_num ON sessions (num);
-- City-level sessions invite, besides city-level delegates, these categories from every commune.
ALTER TABLE sessions ADD COLUMN invite_categories TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sessions ADD COLUMN checkin_radius_m INTEGER NOT NULL DEFAULT 300;

ALTER TABLE accounts ADD COLUMN unreachable_at TEXT;

CREATE TABLE attendance (
    session_id          TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    delegate_id         INTEGER NOT NULL REFERENCES delegates(id) ON DELETE CASCADE,
    answer              TEXT NOT NULL CHECK (answer IN ('in_person', 'online', 'absent', 'substitute')),
    reason              TEXT NOT NULL DEFAULT '',
    substitute_name     TEXT NOT NULL DEFAULT '',
    substitute_position TEXT NOT NULL DEFAULT '',
    substitute_phone    TEXT NOT NULL DEFAULT '',
    channel             TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    PRIMARY KEY (session_id, delegate_id)
);

CREATE TABLE attendance_history (
    id                  INTEGER PRIMARY KEY,
    session_id          TEXT NOT NULL,
    delegate_id         INTEGER NOT NULL,
    answer              TEXT NOT NULL,
    previous_answer     TEXT,
    reason              TEXT NOT NULL DEFAULT '',
    substitute_name     TEXT NOT NULL DEFAULT '',
    substitute_position TEXT NOT NULL DEFAULT '',
    substitute_phone    TEXT NOT NULL DEFAULT '',
    channel             TEXT NOT NULL,
    account_id          INTEGER,
    at                  TEXT NOT NULL
);
CREATE INDEX attendance_history_by_delegate ON attendance_history (delegate_id, session_id);

CREATE TABLE checkins (
    session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    delegate_id INTEGER NOT NULL REFERENCES delegates(id) ON DELETE CASCADE,
    method      TEXT NOT NULL CHECK (method IN ('qr', 'location')),
    by_account  INTEGER,
    at          TEXT NOT NULL,
    PRIMARY KEY (session_id, delegate_id)
);

-- Every message that matters: a row first, then the sender drains it at the platform's limits.
-- dedup_key makes a reminder (session, start, offset, recipient) exist once, whatever restarts.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    dedup_key       TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    channel         TEXT NOT NULL,
    chat_id         TEXT NOT NULL,
    payload         TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sending', 'sent', 'blocked', 'failed', 'skipped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    not_before      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    sent_at         TEXT,
    last_error      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (status, not_before);

CREATE TABLE roles (
    channel     TEXT NOT NULL,
    external_id TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('admin', 'organiser', 'focal', 'speaker', 'reviewer')),
    scope       TEXT NOT NULL DEFAULT '',
    granted_by  TEXT NOT NULL DEFAULT '',
    granted_at  TEXT NOT NULL,
    PRIMARY KEY (channel, external_id, role, scope)
);

CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
