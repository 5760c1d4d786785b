"""Conversation logic, one module per job. Handlers take an Inbound and return Replies; they
know no platform and no database driver."""
