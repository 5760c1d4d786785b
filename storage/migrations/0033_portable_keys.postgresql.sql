-- Issue 16: a broadcast's outbox rows are read by a range of dedup keys ('bc:7:' <= key <
-- 'bc:7;'), which holds only when keys compare byte by byte, as on SQLite; the database's
-- own collation (an ICU or glibc locale) may order ':' and ';' otherwise. "C" is built in.
ALTER TABLE outbox ALTER COLUMN dedup_key TYPE TEXT COLLATE "C";
