-- Every organiser action (check-in, nudge, plan load, export, ...) with who and when.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    channel     TEXT NOT NULL,  -- 'telegram', 'zalo', or 'cli' for the command line
    actor       TEXT NOT NULL,  -- the platform user id, or the operating-system user
    action      TEXT NOT NULL,
    details     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_by_time ON audit_log (at);
