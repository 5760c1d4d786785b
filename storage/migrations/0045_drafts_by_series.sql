-- Speaker ids come from each plan, so two series may both have "so-ngoai-vu": a talk's drafts
-- belong to a series and are numbered within it, and a new version replaces in review only
-- its own series' older one (before, one series' upload ended the other's review). The unique
-- key takes the new column, so the table is made anew. Upgrade: a draft is of the series
-- where its sender was granted that speaker, else of the series in use (the most recently
-- loaded of the active ones), as 0029 did with the deadlines marked done.
CREATE TABLE drafts_by_series (
    id           INTEGER PRIMARY KEY,
    series_id    TEXT NOT NULL,
    speaker_id   TEXT NOT NULL,
    version      INTEGER NOT NULL,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    status       TEXT NOT NULL DEFAULT 'review'
                 CHECK (status IN ('review', 'approved', 'changes', 'replaced')),
    reviewed_by  TEXT,
    reviewed_at  TEXT,
    comment      TEXT NOT NULL DEFAULT '',
    UNIQUE (series_id, speaker_id, version)
);

INSERT INTO drafts_by_series
    (id, series_id, speaker_id, version, document_id, status, reviewed_by, reviewed_at, comment)
SELECT d.id,
       COALESCE(
           (SELECT r.series_id FROM roles r JOIN documents f ON f.id = d.document_id
            WHERE r.role = 'speaker' AND r.scope = 'speaker:' || d.speaker_id
              AND r.series_id <> '' AND f.sent_by = r.channel || ':' || r.external_id
            ORDER BY r.granted_at, r.series_id LIMIT 1),
           (SELECT id FROM series ORDER BY archived_at IS NOT NULL, loaded_at DESC, id LIMIT 1),
           ''),
       d.speaker_id, d.version, d.document_id, d.status, d.reviewed_by, d.reviewed_at, d.comment
FROM drafts d;

DROP TABLE drafts;
ALTER TABLE drafts_by_series RENAME TO drafts;
