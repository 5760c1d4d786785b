-- Rows of a chat import held back because they conflict with a stored delegate: the same
-- phone under another name ('phone'), or the same name in the same commune with another
-- phone ('name'). The importer decides with buttons: keep both, replace, or skip the row;
-- a decided row is deleted.
CREATE TABLE import_conflicts (
    id INTEGER PRIMARY KEY,
    batch TEXT NOT NULL,
    channel TEXT NOT NULL,
    user_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    delegate_id INTEGER NOT NULL REFERENCES delegates (id) ON DELETE CASCADE,
    person TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX import_conflicts_by_batch ON import_conflicts (batch);
