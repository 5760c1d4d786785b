-- Issue 5: speakers and deadlines. Speakers are role grants ('speaker', 'speaker:<id>');
-- reviewers are role grants ('reviewer'). Files people send (drafts of talks, the file a
-- deadline owes) are stored whole, with name, size and SHA-256.
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    content     BLOB NOT NULL,
    sent_by     TEXT NOT NULL,   -- channel:user id
    sent_at     TEXT NOT NULL
);

-- One row per version of a speaker's talk; a new version ends the review of the older ones.
CREATE TABLE drafts (
    id           INTEGER PRIMARY KEY,
    speaker_id   TEXT NOT NULL,
    version      INTEGER NOT NULL,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    status       TEXT NOT NULL DEFAULT 'review'
                 CHECK (status IN ('review', 'approved', 'changes', 'replaced')),
    reviewed_by  TEXT,
    reviewed_at  TEXT,
    comment      TEXT NOT NULL DEFAULT '',
    UNIQUE (speaker_id, version)
);

-- An agenda reminder sent to a speaker for a session at one offset: acknowledged or not, and
-- whether the organisers were told it was not.
CREATE TABLE speaker_reminders (
    session_id   TEXT NOT NULL,
    speaker_id   TEXT NOT NULL,
    offset_name  TEXT NOT NULL,
    reminded_at  TEXT NOT NULL,
    acked_at     TEXT,
    acked_by     TEXT,
    escalated_at TEXT,
    PRIMARY KEY (session_id, speaker_id, offset_name)
);
CREATE INDEX speaker_reminders_open ON speaker_reminders (acked_at, escalated_at);

-- A plan deadline marked done (with the owed file where there is one). Not done: no row.
CREATE TABLE deadlines_done (
    deadline_id  TEXT PRIMARY KEY,
    done_at      TEXT NOT NULL,
    done_by      TEXT NOT NULL,
    document_id  INTEGER REFERENCES documents(id)
);

-- The plan's speaker settings and deadlines, as JSON beside the series they belong to.
ALTER TABLE series ADD COLUMN speaking TEXT NOT NULL DEFAULT '{}';
ALTER TABLE series ADD COLUMN deadlines TEXT NOT NULL DEFAULT '[]';
