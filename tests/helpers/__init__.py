"""Test helpers: independent reference implementations and small row builders."""
