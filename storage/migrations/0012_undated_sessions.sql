-- A session whose date is announced later stores '' in starts_at and ends_at (the columns stay
-- NOT NULL; storage/plans.py reads '' as "no date") and the plan's rough word in date_note.
-- upper_level: what the series calls the level above its communes ('city' or 'province');
-- sessions.level keeps 'city' for both, so no table is rebuilt.
ALTER TABLE sessions ADD COLUMN date_note TEXT NOT NULL DEFAULT '';
ALTER TABLE series ADD COLUMN upper_level TEXT NOT NULL DEFAULT 'city'
    CHECK (upper_level IN ('city', 'province'));
