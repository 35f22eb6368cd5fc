"""The till window's old address: the window now lives in ui/till/ (see ui.till.window)."""

from __future__ import annotations

from ui.till.window import ContextFactory, TillWindow

__all__ = ["ContextFactory", "TillWindow"]
