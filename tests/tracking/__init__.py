"""Carrier tracking updates: polled from a fake Thailand Post API, pushed to the webhook."""
