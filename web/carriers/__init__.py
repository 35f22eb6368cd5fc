"""Carriers' tracking APIs and their pushed updates (webhooks)."""
