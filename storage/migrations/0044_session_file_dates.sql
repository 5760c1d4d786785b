-- A session's date as its plan file gave it at the last load, beside the date it has now (which
-- /datngay may have set since): a plan read again (`hoinghi plan load`, an edit of another
-- session, an upgrade that reads plans afresh) moves a session only where the file's own date
-- for it changed. NULL (sessions saved before 0044, or undated in the file): the file wins.
ALTER TABLE sessions ADD COLUMN file_starts_at TEXT;
ALTER TABLE sessions ADD COLUMN file_ends_at TEXT;
