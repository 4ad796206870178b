"""JSON Schemas for rule files and the config file."""
