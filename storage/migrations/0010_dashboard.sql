-- The organisers' web dashboard. /dashboard sends a one-time login link; opening it starts a
-- browser session. Both are stored by the SHA-256 of their secret, never the secret itself;
-- a link is used at most once (used_at is set by one conditional UPDATE).
CREATE TABLE dashboard_links (
    token_hash  TEXT PRIMARY KEY,
    channel     TEXT NOT NULL,
    external_id TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);
CREATE INDEX dashboard_links_by_expiry ON dashboard_links (expires_at);

CREATE TABLE dashboard_sessions (
    id_hash     TEXT PRIMARY KEY,
    channel     TEXT NOT NULL,
    external_id TEXT NOT NULL,
    csrf        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX dashboard_sessions_by_expiry ON dashboard_sessions (expires_at);

-- The dashboard's pages count a session's invitees per commune and category and tell who no
-- chat reaches. Both indexes hold every column of delegates and accounts that count reads: a
-- province's 20,000 delegates are scanned in the grouping's order without their table rows.
CREATE INDEX delegates_by_commune_category ON delegates (commune_code, category_code, commune_name);
CREATE INDEX accounts_reachable ON accounts (delegate_id, unreachable_at);
