-- Issue 15 (roles scoped by series and by province): a grant and a role invite name the series
-- they apply to, or a province (every series of that province); both empty means the whole
-- deployment (the admins of ADMIN_IDS). The primary key takes the two new columns, so the
-- roles table is made anew. Upgrade: every grant but an admin's becomes a grant of the series
-- in use (the most recently loaded); admins stay deployment-wide.
CREATE TABLE roles_by_series (
    channel     TEXT NOT NULL,
    external_id TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('admin', 'organiser', 'focal', 'speaker', 'reviewer')),
    scope       TEXT NOT NULL DEFAULT '',
    series_id   TEXT NOT NULL DEFAULT '',
    province    TEXT NOT NULL DEFAULT '',
    granted_by  TEXT NOT NULL DEFAULT '',
    granted_at  TEXT NOT NULL,
    PRIMARY KEY (channel, external_id, role, scope, series_id, province)
);

INSERT INTO roles_by_series
    (channel, external_id, role, scope, series_id, province, granted_by, granted_at)
SELECT channel, external_id, role, scope,
       CASE WHEN role = 'admin' THEN ''
            ELSE COALESCE((SELECT id FROM series ORDER BY loaded_at DESC, id LIMIT 1), '') END,
       '', granted_by, granted_at
FROM roles;

DROP TABLE roles;
ALTER TABLE roles_by_series RENAME TO roles;
CREATE INDEX roles_by_role ON roles (role, series_id, province);

ALTER TABLE role_invites ADD COLUMN series_id TEXT NOT NULL DEFAULT '';
ALTER TABLE role_invites ADD COLUMN province TEXT NOT NULL DEFAULT '';
UPDATE role_invites
SET series_id = COALESCE((SELECT id FROM series ORDER BY loaded_at DESC, id LIMIT 1), '')
WHERE role <> 'admin';

-- Deadline ids come from each plan, so two series may both have "bao-cao-don-vi": a deadline
-- marked done belongs to its series. Upgrade: marks so far are the series in use's.
CREATE TABLE deadlines_done_by_series (
    series_id    TEXT NOT NULL,
    deadline_id  TEXT NOT NULL,
    done_at      TEXT NOT NULL,
    done_by      TEXT NOT NULL,
    document_id  INTEGER REFERENCES documents(id),
    PRIMARY KEY (series_id, deadline_id)
);
INSERT INTO deadlines_done_by_series (series_id, deadline_id, done_at, done_by, document_id)
SELECT COALESCE((SELECT id FROM series ORDER BY loaded_at DESC, id LIMIT 1), ''),
       deadline_id, done_at, done_by, document_id
FROM deadlines_done;
DROP TABLE deadlines_done;
ALTER TABLE deadlines_done_by_series RENAME TO deadlines_done;
