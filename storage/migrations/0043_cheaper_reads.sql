-- Issue 18: the PostgreSQL variant (0043_cheaper_reads.postgresql.sql) finds the cells its
-- lock-order trigger locks through an index; SQLite's writers take turns, nothing to do here.
SELECT 1;
