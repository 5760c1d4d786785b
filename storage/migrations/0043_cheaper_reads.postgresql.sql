-- Issue 18 (PostgreSQL). tally_lock (0041) found the audience cells to lock by reading every
-- cell (a sequential scan, its EXISTS tested on each): 3 ms per chat account written with a
-- thousand cells, and in one transaction that writes many (a seeding, an import of accounts)
-- every cell's row versions of the transaction again for each row, quadratic (100,000 accounts:
-- more than ten minutes). Now each place of the persons' rows finds its cell through
-- audience_cells_by_place, as the counting triggers (0038) do; the locks are the same, in the
-- same order.
CREATE OR REPLACE FUNCTION tally_lock(a BIGINT, b BIGINT, moved_from delegates, moved_to delegates)
RETURNS void AS $$
BEGIN
    PERFORM 1 FROM delegates WHERE id IN (a, b) ORDER BY id FOR NO KEY UPDATE;
    IF moved_to.id IS NOT NULL THEN
        INSERT INTO audience_cells (series_id, commune_code, commune_name, category_code)
            VALUES (moved_to.series_id, moved_to.commune_code, moved_to.commune_name,
                moved_to.category_code)
            ON CONFLICT DO NOTHING;
    END IF;
    PERFORM 1 FROM (
            SELECT d.series_id, d.commune_code, d.commune_name, d.category_code
                FROM delegates d WHERE (d.id IN (a, b) AND d.person_id IS NULL)
                OR d.person_id IN (a, b)
            UNION ALL SELECT moved_from.series_id, moved_from.commune_code,
                moved_from.commune_name, moved_from.category_code WHERE moved_from.id IS NOT NULL
            UNION ALL SELECT moved_to.series_id, moved_to.commune_code, moved_to.commune_name,
                moved_to.category_code WHERE moved_to.id IS NOT NULL
        ) place
        JOIN audience_cells c ON c.category_code = place.category_code
            AND coalesce(c.commune_code, -1) = coalesce(place.commune_code, -1)
            AND c.series_id IS NOT DISTINCT FROM place.series_id
            AND c.commune_code IS NOT DISTINCT FROM place.commune_code
            AND c.commune_name IS NOT DISTINCT FROM place.commune_name
        ORDER BY c.id FOR NO KEY UPDATE OF c;
END;
$$ LANGUAGE plpgsql;

-- The lists of a session's page (the first 50 to remind, the first 50 to call) are read in
-- their order (storage.reports.DelegateListRepository._order) until the page is full, instead
-- of the whole series sorted for 50 rows: 1 ms instead of 10 to 100 at 100,000 delegates.
CREATE INDEX delegates_in_list_order ON delegates
    (series_id, (commune_name IS NOT NULL), commune_sort, name_sort, id);

-- A city session's audience (city-level delegates, the categories it invites, its walk-ins) and
-- a commune session's are found through indexes (storage.attendance.audience_filter), not by
-- reading every delegate of the series: the counts of a session page's lists read a sixth of
-- the series at 100,000 delegates.
CREATE INDEX delegates_by_category ON delegates (category_code, series_id);
