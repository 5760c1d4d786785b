-- Issue 16: every update is stored before the platform is told it arrived (the webhook's 200,
-- the next getUpdates offset), and handled from there. The key makes an update delivered
-- twice, to two workers, handled once; an update not marked handled by `lease_until` (its
-- worker died) is taken over by another worker. The payload is erased once handled; the key
-- stays a day, for the platform's own repeats, then the daily job deletes it.
CREATE TABLE inbound_updates (
    channel      TEXT NOT NULL,
    update_id    BIGINT NOT NULL,
    payload      TEXT,
    lease_owner  TEXT NOT NULL,
    lease_until  TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    handled_at   TEXT,
    PRIMARY KEY (channel, update_id)
);
CREATE INDEX inbound_updates_open ON inbound_updates (channel, handled_at, lease_until);
