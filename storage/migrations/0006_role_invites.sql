-- Issue 4 (roles): one-time invite codes that grant a role (organiser, focal point) to
-- whoever opens the deep link first; a used code stays, to refuse it politely and to audit.
CREATE TABLE role_invites (
    code        TEXT PRIMARY KEY,
    role        TEXT NOT NULL CHECK (role IN ('admin', 'organiser', 'focal', 'speaker', 'reviewer')),
    scope       TEXT NOT NULL DEFAULT '',
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    used_by     TEXT,
    used_at     TEXT
);
