-- Issue 4: announcements to many delegates. Each recipient is one outbox row whose dedup key
-- is 'bc:<broadcast id>:<delegate id>'; the broadcast row tracks the progress message.
CREATE TABLE broadcasts (
    id              INTEGER PRIMARY KEY,
    channel         TEXT NOT NULL,
    creator         TEXT NOT NULL,   -- the creator's platform user id
    chat_id         TEXT NOT NULL,   -- where progress and the report go
    text            TEXT NOT NULL,
    audience        TEXT NOT NULL DEFAULT '{}',
    total           INTEGER NOT NULL,
    unreachable     TEXT NOT NULL DEFAULT '[]',  -- delegate ids with no chat to reach
    status          TEXT NOT NULL DEFAULT 'sending'
                    CHECK (status IN ('sending', 'cancelled', 'done')),
    created_at      TEXT NOT NULL,
    progress_id     TEXT,
    finished_at     TEXT
);
CREATE INDEX broadcasts_open ON broadcasts (finished_at);
