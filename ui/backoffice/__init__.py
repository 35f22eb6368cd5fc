"""The back office: a window of pages (products, producers, curation, users, settings)."""
