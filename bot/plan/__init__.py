"""The plan file: a YAML description of a conference series, validated with clear errors."""
