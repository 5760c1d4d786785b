-- The command menu set for one person's chat (Telegram setMyCommands with a chat scope), so
-- that a role granted or revoked changes it once, and a restart knows what is already set.
CREATE TABLE chat_menus (
    channel     TEXT NOT NULL,
    external_id TEXT NOT NULL,
    chat_id     TEXT NOT NULL,
    commands    TEXT NOT NULL,
    PRIMARY KEY (channel, external_id)
);
