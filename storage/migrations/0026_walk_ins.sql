-- Issue 19: people who came to a session without being on its list, added at the door by an
-- organiser. They count as invited to that session (lists, exports, roll-up) from then on.
CREATE TABLE walk_ins (
    session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    delegate_id INTEGER NOT NULL REFERENCES delegates(id) ON DELETE CASCADE,
    by_account  INTEGER,
    at          TEXT NOT NULL,
    PRIMARY KEY (session_id, delegate_id)
);
CREATE INDEX walk_ins_by_delegate ON walk_ins (delegate_id);
