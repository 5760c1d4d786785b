-- The fingerprint of the plan file a series was last loaded from (bot/plan/fingerprint.py: the
-- file's bytes with those of the code that reads it), so that a start whose PLAN_FILE has not
-- changed since needs not read it again; '' for a series saved from no file, and before 0042.
ALTER TABLE series ADD COLUMN plan_fingerprint TEXT NOT NULL DEFAULT '';
