"""Where the counter keeps its files, and the settings file (read, validated, written)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

from pos.domain.errors import SettingsError
from pos.domain.settings import Settings

APP = "otop-pos"


def data_dir() -> Path:
    """The user-data folder (OTOP_POS_HOME overrides it, e.g. for tests and kiosks)."""
    home = os.environ.get("OTOP_POS_HOME")
    return Path(home) / "data" if home else Path(user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    home = os.environ.get("OTOP_POS_HOME")
    return Path(home) / "config" if home else Path(user_config_dir(APP, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "counter.db"


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file; a missing file gives the defaults, a bad one a clear error."""
    path = path or settings_path()
    if not path.exists():
        return Settings()
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SettingsError(
            f"Settings file {path} cannot be read: {exc}",
            f"อ่านไฟล์ค่าตั้ง {path} ไม่ได้: {exc}",
        ) from exc
    if not isinstance(data, dict):
        raise SettingsError(f"Settings file {path} must hold an object", f"ไฟล์ค่าตั้ง {path} ผิดรูปแบบ")
    return Settings.from_dict(data)


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write atomically (temp file + rename) so a crash never leaves half a settings file."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(settings.to_dict(), ensure_ascii=False, indent=2), "utf-8")
    os.replace(tmp, path)
    return path


class SettingsFile:
    """The settings file as the services' SettingsStore (pos.ports.settings)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()

    def load(self) -> Settings:
        return load_settings(self.path)

    def save(self, settings: Settings) -> None:
        save_settings(settings, self.path)
