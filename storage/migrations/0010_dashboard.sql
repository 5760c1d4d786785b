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

-- The dashboard's lists filter invitees by category (city sessions, units, the search).
CREATE INDEX delegates_by_category ON delegates (category_code, commune_code);
