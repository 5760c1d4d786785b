-- Issue 18: the PostgreSQL variant (0043_cheaper_reads.postgresql.sql) finds the cells its
-- lock-order trigger locks through an index, and reads a page of a delegate list in the list's
-- order through an index on its stored sort texts. SQLite's writers take turns, and it sorts by
-- a function of ours (hoinghi_sort), which no index can hold: nothing to do here.
SELECT 1;
