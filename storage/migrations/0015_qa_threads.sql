-- What the last schedule answer to a person was about (sessions, commune, month, details asked),
-- so that a short follow-up ("ở đâu?", "còn tháng 10?") minutes later, even after a restart,
-- is read against it. One row per account, replaced by each answer.
CREATE TABLE qa_threads (
    account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    thread TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
