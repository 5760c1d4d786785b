-- Issue 18: a session's roll-up reads counters instead of every invited delegate. They are kept
-- by the triggers below, in the same transaction as every change of delegates, answers,
-- check-ins and chat accounts, so that no statement that writes those has to know. Every
-- trigger adds or takes away what one changed row counts (never a whole cell recounted), and
-- fires only when a column the counters depend on changes.
-- audience_cells: delegates per series, commune and category (the columns the audience of a
-- session is chosen by): how many, how many no chat account reaches, how many never had one.
-- A person's later rows point at their first (person_id), which their chat accounts link to.
-- tally_persons: for each person with a chat account, what the cells count of them now
-- (reachable, has an account; no row: neither). A change of accounts compares it with what the
-- accounts say and moves the difference into the cells of the person's rows.
-- answer_cells: per session, series, commune and category, the current answers and check-ins
-- (a walk-in's too; the roll-up counts walk-ins outside the session's audience by itself).
-- The NULL commune of city-level delegates is a key: cells are matched with IS.
CREATE TABLE audience_cells (
    id            INTEGER PRIMARY KEY,
    series_id     TEXT,
    commune_code  INTEGER,
    commune_name  TEXT,
    category_code TEXT NOT NULL,
    registered    INTEGER NOT NULL DEFAULT 0,
    unreachable   INTEGER NOT NULL DEFAULT 0,
    never_reached INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX audience_cells_by_place ON audience_cells (series_id, commune_code, category_code);

CREATE TABLE tally_persons (
    person_id   INTEGER PRIMARY KEY,
    reachable   INTEGER NOT NULL,
    has_account INTEGER NOT NULL
);

-- Persons whose accounts a statement changed, for the trigger that counts them again.
CREATE TABLE tally_touched (
    person_id INTEGER NOT NULL
);

CREATE TABLE answer_cells (
    id            INTEGER PRIMARY KEY,
    session_id    TEXT NOT NULL,
    series_id     TEXT,
    commune_code  INTEGER,
    category_code TEXT NOT NULL,
    in_person     INTEGER NOT NULL DEFAULT 0,
    online        INTEGER NOT NULL DEFAULT 0,
    absent        INTEGER NOT NULL DEFAULT 0,
    substitute    INTEGER NOT NULL DEFAULT 0,
    present       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX answer_cells_by_place ON answer_cells (series_id, commune_code, category_code);
CREATE INDEX answer_cells_by_session ON answer_cells (session_id);

-- What the database holds already.
INSERT INTO audience_cells (series_id, commune_code, commune_name, category_code, registered,
    unreachable, never_reached)
SELECT d.series_id, d.commune_code, d.commune_name, d.category_code, count(*),
    sum(CASE WHEN EXISTS (SELECT 1 FROM accounts a WHERE a.delegate_id = coalesce(d.person_id, d.id)
        AND a.unreachable_at IS NULL) THEN 0 ELSE 1 END),
    sum(CASE WHEN EXISTS (SELECT 1 FROM accounts a WHERE a.delegate_id = coalesce(d.person_id, d.id))
        THEN 0 ELSE 1 END)
FROM delegates d GROUP BY d.series_id, d.commune_code, d.commune_name, d.category_code;

INSERT INTO answer_cells (session_id, series_id, commune_code, category_code, in_person, online,
    absent, substitute, present)
SELECT x.session_id, d.series_id, d.commune_code, d.category_code, sum(x.in_person),
    sum(x.online), sum(x.absent), sum(x.substitute), sum(x.present)
FROM (
    SELECT session_id, delegate_id,
        CASE WHEN answer = 'in_person' THEN 1 ELSE 0 END AS in_person,
        CASE WHEN answer = 'online' THEN 1 ELSE 0 END AS online,
        CASE WHEN answer = 'absent' THEN 1 ELSE 0 END AS absent,
        CASE WHEN answer = 'substitute' THEN 1 ELSE 0 END AS substitute,
        0 AS present
    FROM attendance
    UNION ALL
    SELECT session_id, delegate_id, 0, 0, 0, 0, 1 FROM checkins
) x JOIN delegates d ON d.id = x.delegate_id
GROUP BY x.session_id, d.series_id, d.commune_code, d.category_code;

INSERT INTO tally_persons (person_id, reachable, has_account)
SELECT delegate_id, max(CASE WHEN unreachable_at IS NULL THEN 1 ELSE 0 END), 1
FROM accounts WHERE delegate_id IS NOT NULL GROUP BY delegate_id;

-- Keeping them.

CREATE TRIGGER delegates_counted AFTER INSERT ON delegates
BEGIN
    INSERT INTO audience_cells (series_id, commune_code, commune_name, category_code)
        SELECT NEW.series_id, NEW.commune_code, NEW.commune_name, NEW.category_code
        WHERE NOT EXISTS (SELECT 1 FROM audience_cells c WHERE c.series_id IS NEW.series_id AND c.commune_code IS NEW.commune_code AND c.commune_name IS NEW.commune_name AND c.category_code = NEW.category_code);
    UPDATE audience_cells SET registered = registered + 1,
        unreachable = unreachable + (CASE WHEN EXISTS (SELECT 1 FROM accounts a WHERE a.delegate_id = coalesce(NEW.person_id, NEW.id) AND a.unreachable_at IS NULL) THEN 0 ELSE 1 END),
        never_reached = never_reached + (CASE WHEN EXISTS (SELECT 1 FROM accounts a WHERE a.delegate_id = coalesce(NEW.person_id, NEW.id)) THEN 0 ELSE 1 END)
        WHERE series_id IS NEW.series_id AND commune_code IS NEW.commune_code AND commune_name IS NEW.commune_name AND category_code = NEW.category_code;
END;

CREATE TRIGGER delegates_uncounted BEFORE DELETE ON delegates
BEGIN
    UPDATE audience_cells SET registered = registered - 1,
        unreachable = unreachable - (CASE WHEN EXISTS (SELECT 1 FROM accounts a WHERE a.delegate_id = coalesce(OLD.person_id, OLD.id) AND a.unreachable_at IS NULL) THEN 0 ELSE 1 END),
        never_reached = never_reached - (CASE WHEN EXISTS (SELECT 1 FROM accounts a WHERE a.delegate_id = coalesce(OLD.person_id, OLD.id)) THEN 0 ELSE 1 END)
        WHERE series_id IS OLD.series_id AND commune_code IS OLD.commune_code AND commune_name IS OLD.commune_name AND category_code = OLD.category_code;
    UPDATE answer_cells SET
        in_person = in_person - (SELECT count(*) FROM attendance t WHERE t.delegate_id = OLD.id
            AND t.session_id = answer_cells.session_id AND t.answer = 'in_person'),
        online = online - (SELECT count(*) FROM attendance t WHERE t.delegate_id = OLD.id
            AND t.session_id = answer_cells.session_id AND t.answer = 'online'),
        absent = absent - (SELECT count(*) FROM attendance t WHERE t.delegate_id = OLD.id
            AND t.session_id = answer_cells.session_id AND t.answer = 'absent'),
        substitute = substitute - (SELECT count(*) FROM attendance t WHERE t.delegate_id = OLD.id
            AND t.session_id = answer_cells.session_id AND t.answer = 'substitute'),
        present = present - (SELECT count(*) FROM checkins k WHERE k.delegate_id = OLD.id
            AND k.session_id = answer_cells.session_id)
        WHERE series_id IS OLD.series_id AND commune_code IS OLD.commune_code AND category_code = OLD.category_code;
END;

CREATE TRIGGER delegates_leave_cell BEFORE UPDATE OF series_id, commune_code, commune_name, category_code, person_id ON delegates
    WHEN OLD.series_id IS NOT NEW.series_id OR OLD.commune_code IS NOT NEW.commune_code OR OLD.category_code IS NOT NEW.category_code OR OLD.commune_name IS NOT NEW.commune_name OR OLD.person_id IS NOT NEW.person_id
BEGIN
    UPDATE audience_cells SET registered = registered - 1,
        unreachable = unreachable - (CASE WHEN EXISTS (SELECT 1 FROM accounts a WHERE a.delegate_id = coalesce(OLD.person_id, OLD.id) AND a.unreachable_at IS NULL) THEN 0 ELSE 1 END),
        never_reached = never_reached - (CASE WHEN EXISTS (SELECT 1 FROM accounts a WHERE a.delegate_id = coalesce(OLD.person_id, OLD.id)) THEN 0 ELSE 1 END)
        WHERE series_id IS OLD.series_id AND commune_code IS OLD.commune_code AND commune_name IS OLD.commune_name AND category_code = OLD.category_code;
END;

CREATE TRIGGER delegates_enter_cell AFTER UPDATE OF series_id, commune_code, commune_name, category_code, person_id ON delegates
    WHEN OLD.series_id IS NOT NEW.series_id OR OLD.commune_code IS NOT NEW.commune_code OR OLD.category_code IS NOT NEW.category_code OR OLD.commune_name IS NOT NEW.commune_name OR OLD.person_id IS NOT NEW.person_id
BEGIN
    INSERT INTO audience_cells (series_id, commune_code, commune_name, category_code)
        SELECT NEW.series_id, NEW.commune_code, NEW.commune_name, NEW.category_code
        WHERE NOT EXISTS (SELECT 1 FROM audience_cells c WHERE c.series_id IS NEW.series_id AND c.commune_code IS NEW.commune_code AND c.commune_name IS NEW.commune_name AND c.category_code = NEW.category_code);
    UPDATE audience_cells SET registered = registered + 1,
        unreachable = unreachable + (CASE WHEN EXISTS (SELECT 1 FROM accounts a WHERE a.delegate_id = coalesce(NEW.person_id, NEW.id) AND a.unreachable_at IS NULL) THEN 0 ELSE 1 END),
        never_reached = never_reached + (CASE WHEN EXISTS (SELECT 1 FROM accounts a WHERE a.delegate_id = coalesce(NEW.person_id, NEW.id)) THEN 0 ELSE 1 END)
        WHERE series_id IS NEW.series_id AND commune_code IS NEW.commune_code AND commune_name IS NEW.commune_name AND category_code = NEW.category_code;
END;

CREATE TRIGGER delegates_answers_leave BEFORE UPDATE OF series_id, commune_code, category_code ON delegates
    WHEN OLD.series_id IS NOT NEW.series_id OR OLD.commune_code IS NOT NEW.commune_code OR OLD.category_code IS NOT NEW.category_code
BEGIN
    UPDATE answer_cells SET
        in_person = in_person - (SELECT count(*) FROM attendance t WHERE t.delegate_id = OLD.id
            AND t.session_id = answer_cells.session_id AND t.answer = 'in_person'),
        online = online - (SELECT count(*) FROM attendance t WHERE t.delegate_id = OLD.id
            AND t.session_id = answer_cells.session_id AND t.answer = 'online'),
        absent = absent - (SELECT count(*) FROM attendance t WHERE t.delegate_id = OLD.id
            AND t.session_id = answer_cells.session_id AND t.answer = 'absent'),
        substitute = substitute - (SELECT count(*) FROM attendance t WHERE t.delegate_id = OLD.id
            AND t.session_id = answer_cells.session_id AND t.answer = 'substitute'),
        present = present - (SELECT count(*) FROM checkins k WHERE k.delegate_id = OLD.id
            AND k.session_id = answer_cells.session_id)
        WHERE series_id IS OLD.series_id AND commune_code IS OLD.commune_code AND category_code = OLD.category_code;
END;

CREATE TRIGGER delegates_answers_enter AFTER UPDATE OF series_id, commune_code, category_code ON delegates
    WHEN OLD.series_id IS NOT NEW.series_id OR OLD.commune_code IS NOT NEW.commune_code OR OLD.category_code IS NOT NEW.category_code
BEGIN
    INSERT INTO answer_cells (session_id, series_id, commune_code, category_code)
        SELECT s.session_id, NEW.series_id, NEW.commune_code, NEW.category_code FROM
        (SELECT session_id FROM attendance WHERE delegate_id = NEW.id
         UNION SELECT session_id FROM checkins WHERE delegate_id = NEW.id) s
        WHERE NOT EXISTS (SELECT 1 FROM answer_cells c WHERE c.session_id = s.session_id
            AND c.series_id IS NEW.series_id AND c.commune_code IS NEW.commune_code AND c.category_code = NEW.category_code);
    UPDATE answer_cells SET
        in_person = in_person + (SELECT count(*) FROM attendance t WHERE t.delegate_id = NEW.id
            AND t.session_id = answer_cells.session_id AND t.answer = 'in_person'),
        online = online + (SELECT count(*) FROM attendance t WHERE t.delegate_id = NEW.id
            AND t.session_id = answer_cells.session_id AND t.answer = 'online'),
        absent = absent + (SELECT count(*) FROM attendance t WHERE t.delegate_id = NEW.id
            AND t.session_id = answer_cells.session_id AND t.answer = 'absent'),
        substitute = substitute + (SELECT count(*) FROM attendance t WHERE t.delegate_id = NEW.id
            AND t.session_id = answer_cells.session_id AND t.answer = 'substitute'),
        present = present + (SELECT count(*) FROM checkins k WHERE k.delegate_id = NEW.id
            AND k.session_id = answer_cells.session_id)
        WHERE series_id IS NEW.series_id AND commune_code IS NEW.commune_code AND category_code = NEW.category_code;
END;

CREATE TRIGGER attendance_counted AFTER INSERT ON attendance
BEGIN
    INSERT INTO answer_cells (session_id, series_id, commune_code, category_code)
        SELECT NEW.session_id, d.series_id, d.commune_code, d.category_code FROM delegates d
        WHERE d.id = NEW.delegate_id AND NOT EXISTS (SELECT 1 FROM answer_cells c
            WHERE c.session_id = NEW.session_id AND c.series_id IS d.series_id
            AND c.commune_code IS d.commune_code AND c.category_code = d.category_code);
    UPDATE answer_cells SET in_person = in_person + (CASE WHEN NEW.answer = 'in_person' THEN 1 ELSE 0 END), online = online + (CASE WHEN NEW.answer = 'online' THEN 1 ELSE 0 END), absent = absent + (CASE WHEN NEW.answer = 'absent' THEN 1 ELSE 0 END), substitute = substitute + (CASE WHEN NEW.answer = 'substitute' THEN 1 ELSE 0 END)
        WHERE id = (SELECT c.id FROM delegates d JOIN answer_cells c ON c.session_id = NEW.session_id
        AND c.series_id IS d.series_id AND c.commune_code IS d.commune_code
        AND c.category_code = d.category_code WHERE d.id = NEW.delegate_id);
END;

CREATE TRIGGER attendance_uncounted AFTER DELETE ON attendance
BEGIN
    UPDATE answer_cells SET in_person = in_person - (CASE WHEN OLD.answer = 'in_person' THEN 1 ELSE 0 END), online = online - (CASE WHEN OLD.answer = 'online' THEN 1 ELSE 0 END), absent = absent - (CASE WHEN OLD.answer = 'absent' THEN 1 ELSE 0 END), substitute = substitute - (CASE WHEN OLD.answer = 'substitute' THEN 1 ELSE 0 END)
        WHERE id = (SELECT c.id FROM delegates d JOIN answer_cells c ON c.session_id = OLD.session_id
        AND c.series_id IS d.series_id AND c.commune_code IS d.commune_code
        AND c.category_code = d.category_code WHERE d.id = OLD.delegate_id);
END;

CREATE TRIGGER attendance_recounted AFTER UPDATE OF session_id, delegate_id, answer ON attendance
    WHEN OLD.session_id IS NOT NEW.session_id OR OLD.delegate_id IS NOT NEW.delegate_id
        OR OLD.answer IS NOT NEW.answer
BEGIN
    UPDATE answer_cells SET in_person = in_person - (CASE WHEN OLD.answer = 'in_person' THEN 1 ELSE 0 END), online = online - (CASE WHEN OLD.answer = 'online' THEN 1 ELSE 0 END), absent = absent - (CASE WHEN OLD.answer = 'absent' THEN 1 ELSE 0 END), substitute = substitute - (CASE WHEN OLD.answer = 'substitute' THEN 1 ELSE 0 END)
        WHERE id = (SELECT c.id FROM delegates d JOIN answer_cells c ON c.session_id = OLD.session_id
        AND c.series_id IS d.series_id AND c.commune_code IS d.commune_code
        AND c.category_code = d.category_code WHERE d.id = OLD.delegate_id);
    INSERT INTO answer_cells (session_id, series_id, commune_code, category_code)
        SELECT NEW.session_id, d.series_id, d.commune_code, d.category_code FROM delegates d
        WHERE d.id = NEW.delegate_id AND NOT EXISTS (SELECT 1 FROM answer_cells c
            WHERE c.session_id = NEW.session_id AND c.series_id IS d.series_id
            AND c.commune_code IS d.commune_code AND c.category_code = d.category_code);
    UPDATE answer_cells SET in_person = in_person + (CASE WHEN NEW.answer = 'in_person' THEN 1 ELSE 0 END), online = online + (CASE WHEN NEW.answer = 'online' THEN 1 ELSE 0 END), absent = absent + (CASE WHEN NEW.answer = 'absent' THEN 1 ELSE 0 END), substitute = substitute + (CASE WHEN NEW.answer = 'substitute' THEN 1 ELSE 0 END)
        WHERE id = (SELECT c.id FROM delegates d JOIN answer_cells c ON c.session_id = NEW.session_id
        AND c.series_id IS d.series_id AND c.commune_code IS d.commune_code
        AND c.category_code = d.category_code WHERE d.id = NEW.delegate_id);
END;

CREATE TRIGGER checkins_counted AFTER INSERT ON checkins
BEGIN
    INSERT INTO answer_cells (session_id, series_id, commune_code, category_code)
        SELECT NEW.session_id, d.series_id, d.commune_code, d.category_code FROM delegates d
        WHERE d.id = NEW.delegate_id AND NOT EXISTS (SELECT 1 FROM answer_cells c
            WHERE c.session_id = NEW.session_id AND c.series_id IS d.series_id
            AND c.commune_code IS d.commune_code AND c.category_code = d.category_code);
    UPDATE answer_cells SET present = present + 1 WHERE id = (SELECT c.id FROM delegates d JOIN answer_cells c ON c.session_id = NEW.session_id
        AND c.series_id IS d.series_id AND c.commune_code IS d.commune_code
        AND c.category_code = d.category_code WHERE d.id = NEW.delegate_id);
END;

CREATE TRIGGER checkins_uncounted AFTER DELETE ON checkins
BEGIN
    UPDATE answer_cells SET present = present - 1 WHERE id = (SELECT c.id FROM delegates d JOIN answer_cells c ON c.session_id = OLD.session_id
        AND c.series_id IS d.series_id AND c.commune_code IS d.commune_code
        AND c.category_code = d.category_code WHERE d.id = OLD.delegate_id);
END;

CREATE TRIGGER checkins_recounted AFTER UPDATE OF session_id, delegate_id ON checkins
    WHEN OLD.session_id IS NOT NEW.session_id OR OLD.delegate_id IS NOT NEW.delegate_id
BEGIN
    UPDATE answer_cells SET present = present - 1 WHERE id = (SELECT c.id FROM delegates d JOIN answer_cells c ON c.session_id = OLD.session_id
        AND c.series_id IS d.series_id AND c.commune_code IS d.commune_code
        AND c.category_code = d.category_code WHERE d.id = OLD.delegate_id);
    INSERT INTO answer_cells (session_id, series_id, commune_code, category_code)
        SELECT NEW.session_id, d.series_id, d.commune_code, d.category_code FROM delegates d
        WHERE d.id = NEW.delegate_id AND NOT EXISTS (SELECT 1 FROM answer_cells c
            WHERE c.session_id = NEW.session_id AND c.series_id IS d.series_id
            AND c.commune_code IS d.commune_code AND c.category_code = d.category_code);
    UPDATE answer_cells SET present = present + 1 WHERE id = (SELECT c.id FROM delegates d JOIN answer_cells c ON c.session_id = NEW.session_id
        AND c.series_id IS d.series_id AND c.commune_code IS d.commune_code
        AND c.category_code = d.category_code WHERE d.id = NEW.delegate_id);
END;

-- A change of accounts names the persons whose accounts changed in tally_touched (empty between
-- statements); its trigger moves the difference between what tally_persons says the cells count
-- of the person and what their accounts say now, times their rows in each cell (one, mostly).
CREATE TRIGGER tally_person AFTER INSERT ON tally_touched
BEGIN
    UPDATE audience_cells SET
        unreachable = unreachable
            + (coalesce((SELECT s.reachable FROM tally_persons s WHERE s.person_id = NEW.person_id), 0)
               - EXISTS (SELECT 1 FROM accounts a WHERE a.delegate_id = NEW.person_id AND a.unreachable_at IS NULL))
            * (SELECT count(*) FROM delegates d WHERE ((d.id = NEW.person_id AND d.person_id IS NULL) OR d.person_id = NEW.person_id)
               AND d.series_id IS audience_cells.series_id AND d.commune_code IS audience_cells.commune_code
               AND d.commune_name IS audience_cells.commune_name AND d.category_code = audience_cells.category_code),
        never_reached = never_reached
            + (coalesce((SELECT s.has_account FROM tally_persons s WHERE s.person_id = NEW.person_id), 0)
               - EXISTS (SELECT 1 FROM accounts a WHERE a.delegate_id = NEW.person_id))
            * (SELECT count(*) FROM delegates d WHERE ((d.id = NEW.person_id AND d.person_id IS NULL) OR d.person_id = NEW.person_id)
               AND d.series_id IS audience_cells.series_id AND d.commune_code IS audience_cells.commune_code
               AND d.commune_name IS audience_cells.commune_name AND d.category_code = audience_cells.category_code)
        WHERE id IN (SELECT c.id FROM delegates d JOIN audience_cells c ON c.series_id IS d.series_id
            AND c.commune_code IS d.commune_code AND c.commune_name IS d.commune_name
            AND c.category_code = d.category_code
            WHERE (d.id = NEW.person_id AND d.person_id IS NULL) OR d.person_id = NEW.person_id);
    INSERT INTO tally_persons (person_id, reachable, has_account)
        SELECT NEW.person_id, EXISTS (SELECT 1 FROM accounts a WHERE a.delegate_id = NEW.person_id AND a.unreachable_at IS NULL),
            EXISTS (SELECT 1 FROM accounts a WHERE a.delegate_id = NEW.person_id)
        WHERE NEW.person_id IS NOT NULL
        ON CONFLICT (person_id) DO UPDATE SET reachable = excluded.reachable,
            has_account = excluded.has_account;
    DELETE FROM tally_touched WHERE person_id = NEW.person_id;
END;

CREATE TRIGGER accounts_counted AFTER INSERT ON accounts
    WHEN NEW.delegate_id IS NOT NULL
BEGIN
    INSERT INTO tally_touched (person_id) VALUES (NEW.delegate_id);
END;

CREATE TRIGGER accounts_uncounted AFTER DELETE ON accounts
    WHEN OLD.delegate_id IS NOT NULL
BEGIN
    INSERT INTO tally_touched (person_id) VALUES (OLD.delegate_id);
END;

CREATE TRIGGER accounts_recounted AFTER UPDATE OF delegate_id, unreachable_at ON accounts
    WHEN OLD.delegate_id IS NOT NEW.delegate_id OR (OLD.unreachable_at IS NULL) != (NEW.unreachable_at IS NULL)
BEGIN
    INSERT INTO tally_touched (person_id) SELECT OLD.delegate_id WHERE OLD.delegate_id IS NOT NULL;
    INSERT INTO tally_touched (person_id) SELECT NEW.delegate_id
        WHERE NEW.delegate_id IS NOT NULL AND NEW.delegate_id IS NOT OLD.delegate_id;
END;
