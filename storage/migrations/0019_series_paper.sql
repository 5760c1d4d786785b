-- What the printed papers need (issuing and governing body, signer, authority, number pattern)
-- as JSON; '{}' when the plan gives none.
ALTER TABLE series ADD COLUMN paper TEXT NOT NULL DEFAULT '{}';
