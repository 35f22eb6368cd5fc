"""Sync with the central database against a real PostgreSQL server."""
