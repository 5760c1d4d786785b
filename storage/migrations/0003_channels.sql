-- Issue 6: several chat apps for one person. A delegate may have a Telegram and a Zalo account;
-- reminders go to the preferred one. Zalo has no update ids: message ids already handled are
-- kept for a while. Platforms without buttons get numbered choices, remembered per account.
ALTER TABLE accounts ADD COLUMN preferred INTEGER NOT NULL DEFAULT 1;

CREATE TABLE seen_messages (
    channel    TEXT NOT NULL,
    message_id TEXT NOT NULL,
    seen_at    TEXT NOT NULL,
    PRIMARY KEY (channel, message_id)
);

CREATE TABLE numbered_choices (
    channel    TEXT NOT NULL,
    chat_id    TEXT NOT NULL,
    choices    TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (channel, chat_id)
);

CREATE TABLE link_codes (
    code        TEXT PRIMARY KEY,
    delegate_id INTEGER NOT NULL REFERENCES delegates(id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    expires_at  TEXT NOT NULL
);
