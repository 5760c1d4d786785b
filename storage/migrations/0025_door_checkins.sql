-- Issue 19: organisers check people in from the door view's list ('list'), beside a scanned
-- QR code and a shared location; SQLite cannot widen a CHECK, so the table is rebuilt.
CREATE TABLE checkins_new (
    session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    delegate_id INTEGER NOT NULL REFERENCES delegates(id) ON DELETE CASCADE,
    method      TEXT NOT NULL CHECK (method IN ('qr', 'location', 'list')),
    by_account  INTEGER,
    at          TEXT NOT NULL,
    PRIMARY KEY (session_id, delegate_id)
);
INSERT INTO checkins_new (session_id, delegate_id, method, by_account, at)
    SELECT session_id, delegate_id, method, by_account, at FROM checkins;
DROP TABLE checkins;
ALTER TABLE checkins_new RENAME TO checkins;
CREATE INDEX checkins_by_delegate ON checkins (delegate_id);

-- Who never opened the bot (imported, no chat account at all) is counted apart from who
-- blocked it; the counts kept of purged delegates carry the new figure too.
ALTER TABLE session_tallies ADD COLUMN never_reached INTEGER NOT NULL DEFAULT 0;
