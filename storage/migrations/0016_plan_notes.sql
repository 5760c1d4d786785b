-- Practical notes for delegates (reception, dress, what to bring, meals, transport, funding) per
-- series and per session, as JSON objects holding only the notes the plan fills in; and the
-- organisers' questions and answers of a series, as a JSON list of [question, answer].
ALTER TABLE series ADD COLUMN notes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE series ADD COLUMN faq TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sessions ADD COLUMN notes TEXT NOT NULL DEFAULT '{}';
