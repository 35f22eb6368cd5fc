"""Fake third-party APIs on 127.0.0.1 (ports from the OS), written from their public references."""
