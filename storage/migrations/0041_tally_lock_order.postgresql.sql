-- The counters' triggers (0038) lock rows as they count, and took those locks in whatever order
-- they came to them: a chat account moved from one person to another locked the second
-- person's row after the first person's cells (against a move or a removal of a row of the
-- second, which held that row and waited for the cell), and two delegates moved into each
-- other's cells each held the cell the other needed. PostgreSQL then ended one of the two for
-- a deadlock (tests/test_tally.py, the races: about one race in five had one). Now a change
-- that counts in more than one cell first locks, in one order, all it will lock: the persons'
-- first delegate rows (the lowest id first), then their audience cells (the lowest id first),
-- in BEFORE triggers that fire before 0038's counting ones.

-- The first rows of persons a and b (either may be NULL), then the audience cells of all their
-- rows; `moved` (a delegate row changing cell, or NULL) adds its old and new cells, the new one
-- made first.
CREATE FUNCTION tally_lock(a BIGINT, b BIGINT, moved_from delegates, moved_to delegates)
RETURNS void AS $$
BEGIN
    PERFORM 1 FROM delegates WHERE id IN (a, b) ORDER BY id FOR NO KEY UPDATE;
    IF moved_to.id IS NOT NULL THEN
        INSERT INTO audience_cells (series_id, commune_code, commune_name, category_code)
            VALUES (moved_to.series_id, moved_to.commune_code, moved_to.commune_name,
                moved_to.category_code)
            ON CONFLICT DO NOTHING;
    END IF;
    PERFORM 1 FROM audience_cells c WHERE EXISTS (
        SELECT 1 FROM (
            SELECT d.series_id, d.commune_code, d.commune_name, d.category_code
                FROM delegates d WHERE (d.id IN (a, b) AND d.person_id IS NULL)
                OR d.person_id IN (a, b)
            UNION ALL SELECT moved_from.series_id, moved_from.commune_code,
                moved_from.commune_name, moved_from.category_code WHERE moved_from.id IS NOT NULL
            UNION ALL SELECT moved_to.series_id, moved_to.commune_code, moved_to.commune_name,
                moved_to.category_code WHERE moved_to.id IS NOT NULL
        ) place
        WHERE c.series_id IS NOT DISTINCT FROM place.series_id
        AND c.commune_code IS NOT DISTINCT FROM place.commune_code
        AND c.commune_name IS NOT DISTINCT FROM place.commune_name
        AND c.category_code = place.category_code)
        ORDER BY c.id FOR NO KEY UPDATE;
END;
$$ LANGUAGE plpgsql;

-- A chat account's change: the persons it leaves and joins.
CREATE FUNCTION accounts_lock() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM tally_lock(NEW.delegate_id, NULL, NULL, NULL);
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' THEN
        PERFORM tally_lock(OLD.delegate_id, NULL, NULL, NULL);
        RETURN OLD;
    END IF;
    PERFORM tally_lock(OLD.delegate_id, NEW.delegate_id, NULL, NULL);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- A delegate row changing cell or person: the persons it leaves and joins (not the row itself,
-- which the UPDATE holds), its old and new cells.
CREATE FUNCTION delegates_lock() RETURNS trigger AS $$
BEGIN
    PERFORM tally_lock(nullif(OLD.person_id, OLD.id), nullif(NEW.person_id, NEW.id), OLD, NEW);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- BEFORE triggers fire before AFTER ones, and those of one kind in the order of their names:
-- these before 0038's (delegates_leave_cell).
CREATE TRIGGER accounts_a_locked BEFORE INSERT ON accounts
    FOR EACH ROW WHEN (NEW.delegate_id IS NOT NULL) EXECUTE FUNCTION accounts_lock();
CREATE TRIGGER accounts_a_unlocked BEFORE DELETE ON accounts
    FOR EACH ROW WHEN (OLD.delegate_id IS NOT NULL) EXECUTE FUNCTION accounts_lock();
CREATE TRIGGER accounts_a_relocked BEFORE UPDATE OF delegate_id, unreachable_at ON accounts
    FOR EACH ROW WHEN (OLD.delegate_id IS DISTINCT FROM NEW.delegate_id
        OR (OLD.unreachable_at IS NULL) <> (NEW.unreachable_at IS NULL))
    EXECUTE FUNCTION accounts_lock();
CREATE TRIGGER delegates_a_locked
    BEFORE UPDATE OF series_id, commune_code, commune_name, category_code, person_id ON delegates
    FOR EACH ROW WHEN ((OLD.series_id, OLD.commune_code, OLD.commune_name, OLD.category_code,
        OLD.person_id) IS DISTINCT FROM (NEW.series_id, NEW.commune_code, NEW.commune_name,
        NEW.category_code, NEW.person_id))
    EXECUTE FUNCTION delegates_lock();
