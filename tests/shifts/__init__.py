"""Shifts, roles, the journal and end-of-day reports."""
