-- Imports match a row without a phone, and look for namesakes, by name within a commune.
CREATE INDEX delegates_by_name ON delegates (full_name, commune_code);
