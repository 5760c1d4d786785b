"""Storage: the database (SQLite by default, PostgreSQL by DATABASE_URL), numbered migrations
and one repository per table group."""
