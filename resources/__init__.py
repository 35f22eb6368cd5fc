"""Fonts, translations, icons and the demo catalogue shipped with the app."""

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent
FONTS = RESOURCES / "fonts"
I18N = RESOURCES / "i18n"
DEMO = RESOURCES / "demo"
