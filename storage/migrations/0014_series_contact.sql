-- The plan's contact person of a series (name, phone, title) as JSON; '{}' when the plan names none.
ALTER TABLE series ADD COLUMN contact TEXT NOT NULL DEFAULT '{}';
