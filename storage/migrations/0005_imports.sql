-- Issue 4 (import): delegates imported from a focal point's file get a single-use personal
-- invite code; pressing /start p-<code> links the chat account to that delegate.
ALTER TABLE delegates ADD COLUMN claim_code TEXT;
CREATE UNIQUE INDEX delegates_by_claim_code ON delegates (claim_code);
-- Duplicates are found by phone number.
CREATE INDEX delegates_by_phone ON delegates (phone);
