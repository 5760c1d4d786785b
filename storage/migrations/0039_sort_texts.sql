-- Issue 18: delegate lists are sorted in Vietnamese order by the database. SQLite calls
-- storage.reports.sort_text itself (hoinghi_sort, installed on the connection that reads);
-- PostgreSQL stores the same texts (0039_sort_texts.postgresql.sql). Nothing to do here.
SELECT 1;
