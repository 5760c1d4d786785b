-- Issue 14: guessable codes (/lienket, role invites, check-in, dashboard login links) take a
-- limited number of wrong attempts per account and overall. One row per wrong code, kept for
-- the longest counting window; the back-off follows from the rows, so it holds across restarts.
CREATE TABLE code_failures (
    id       INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL,  -- 'link', 'role_invite', 'checkin', 'dashboard_link'
    subject  TEXT NOT NULL,  -- 'channel:user id', or the web client's address
    at       TEXT NOT NULL
);
CREATE INDEX code_failures_by_subject ON code_failures (kind, subject, at);
CREATE INDEX code_failures_by_time ON code_failures (kind, at);
