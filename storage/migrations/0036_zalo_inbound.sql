-- Issue 16: Zalo's updates go through the inbound store (0035, channel 'zalo', keyed by 63 bits
-- of the SHA-256 of their message_id) like Telegram's: the message ids kept to deduplicate them
-- since 0003 are no longer read.
DROP TABLE seen_messages;
