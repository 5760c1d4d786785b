-- Issue 16, several workers on one database. A lease is work that one worker at a time does
-- (the sender of a bot token, the broadcast reporter, the daily purge, webhook and menu
-- registration): the holder renews it; when it stops renewing, another worker takes over once
-- `expires_at` has passed.
CREATE TABLE leases (
    name        TEXT PRIMARY KEY,
    holder      TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);

-- An outbox row being sent belongs to the worker that claimed it until `lease_until`: another
-- worker takes it back only after that (a restarting worker takes back its own at once).
-- `priority`: direct replies and date changes (0) before reminders (1) before broadcasts (2).
ALTER TABLE outbox ADD COLUMN lease_owner TEXT;
ALTER TABLE outbox ADD COLUMN lease_until TEXT;
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 2;
UPDATE outbox SET priority = CASE
    WHEN kind IN ('reply', 'schedule_change') THEN 0
    WHEN kind = 'broadcast' THEN 2
    ELSE 1 END;
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (status, priority, not_before, id);
