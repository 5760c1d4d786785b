"""Channels turn platform updates into Inbound events and Replies into platform calls."""
