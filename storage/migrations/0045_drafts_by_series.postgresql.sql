-- 0045_drafts_by_series.sql says why. On PostgreSQL the table stays (its ids' identity goes
-- on): the column is added, filled in as there, and the unique key replaced.
ALTER TABLE drafts ADD COLUMN series_id TEXT NOT NULL DEFAULT '';

UPDATE drafts d
SET series_id = COALESCE(
    (SELECT r.series_id FROM roles r JOIN documents f ON f.id = d.document_id
     WHERE r.role = 'speaker' AND r.scope = 'speaker:' || d.speaker_id
       AND r.series_id <> '' AND f.sent_by = r.channel || ':' || r.external_id
     ORDER BY r.granted_at, r.series_id LIMIT 1),
    (SELECT id FROM series ORDER BY archived_at IS NOT NULL, loaded_at DESC, id LIMIT 1),
    '');

ALTER TABLE drafts ALTER COLUMN series_id DROP DEFAULT;
ALTER TABLE drafts DROP CONSTRAINT drafts_speaker_id_version_key;
ALTER TABLE drafts ADD CONSTRAINT drafts_series_id_speaker_id_version_key
    UNIQUE (series_id, speaker_id, version);
