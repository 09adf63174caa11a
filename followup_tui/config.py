"""Where things live and what the rep chose: paths (platformdirs) and config.toml.

The config file is optional. A broken one is reported with its path and the
problem; the app never starts on half-read settings.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:
    from followup_tui.domain.policy import Policy

APP_NAME = "followup-tui"


class ConfigError(ValueError):
    """A config file or setting the app cannot use; the message is for the rep."""


@dataclass(frozen=True)
class PowerDial:
    """[dialer] auto_advance: after an outcome in the calls view, the next call is
    dialed once a visible wrap-up countdown of `wrap_up_seconds` runs out."""

    auto_advance: bool = False
    wrap_up_seconds: int = 5


@dataclass(frozen=True)
class Settings:
    timezone: str | None = None  # the rep's own zone; None: the machine's
    region: str = "US"  # the country numbers without a country code belong to
    theme: str = "followup-dark"
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> keys, for set_keymap
    touches_per_week: int = 2
    touches_per_day: int = 1
    revisit_days: int = 90
    cadence: str = "persistent"  # the cadence new prospects start on
    power_dial: PowerDial = field(default_factory=PowerDial)
    path: Path | None = None


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    override = os.environ.get("FOLLOWUP_CONFIG", "").strip()
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def user_theme_dir() -> Path:
    return config_path().parent / "themes"


def templates_dir() -> Path:
    """The rep's email templates (templates/*.toml beside config.toml)."""
    return config_path().parent / "templates"


def default_db_path() -> Path:
    return data_dir() / "followup.db"


def database_path(cli_path: str | None) -> Path:
    """--db, then FOLLOWUP_DB, then the file in the user data dir."""
    chosen = cli_path or os.environ.get("FOLLOWUP_DB", "").strip()
    return Path(chosen).expanduser() if chosen else default_db_path()


def load_settings(path: Path | None = None) -> Settings:
    """Read config.toml if there is one; defaults otherwise."""
    target = path or config_path()
    if not target.exists():
        return Settings()
    try:
        data = tomllib.loads(target.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"cannot read {target}: {err}") from err
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{target} is not valid TOML: {err}") from err
    return _settings_from(data, target)


def _settings_from(data: dict, target: Path) -> Settings:
    def text(key: str, default: str | None) -> str | None:
        value = data.get(key, default)
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"{target}: '{key}' must be text, got {value!r}")
        return value

    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keys.items()
    ):
        raise ConfigError(f'{target}: [keys] maps action ids to keys, e.g. dial = "d"')

    def whole(key: str, default: int, low: int, high: int) -> int:
        value = data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ConfigError(f"{target}: '{key}' must be a whole number from {low} to {high}")
        return value

    region = text("region", "US") or "US"
    if len(region) != 2 or not region.isalpha():
        raise ConfigError(f"{target}: 'region' is a two-letter country code such as US or GB")
    return Settings(
        timezone=text("timezone", None),
        region=region.upper(),
        theme=text("theme", Settings.theme) or Settings.theme,
        keys=dict(keys),
        touches_per_week=whole("touches_per_week", 2, 1, 14),
        touches_per_day=whole("touches_per_day", 1, 1, 5),
        revisit_days=whole("revisit_days", 90, 1, 730),
        cadence=text("cadence", "persistent") or "persistent",
        power_dial=_power_dial_from(data.get("dialer", {}), target),
        path=target,
    )


def _power_dial_from(table: object, target: Path) -> PowerDial:
    """auto_advance and wrap_up_seconds of [dialer] (its other settings are the hand-off's)."""
    if not isinstance(table, dict):
        raise ConfigError(f"{target}: [dialer] is a table, e.g. auto_advance = true")
    auto = table.get("auto_advance", PowerDial.auto_advance)
    if not isinstance(auto, bool):
        raise ConfigError(f"{target}: [dialer] 'auto_advance' is true or false")
    wait = table.get("wrap_up_seconds", PowerDial.wrap_up_seconds)
    if not isinstance(wait, int) or isinstance(wait, bool) or not 1 <= wait <= 120:
        raise ConfigError(f"{target}: [dialer] 'wrap_up_seconds' is a whole number from 1 to 120")
    return PowerDial(auto, wait)


def load_policy(settings: Settings) -> Policy:
    """The follow-up policy: built-in rules and cadences, the rep's files beside
    config.toml layered on top, and the caps from the settings. Its modules load
    here, when a command needs the policy: `followup stats` never does."""
    from followup_tui.domain.cadence import CadenceError, load_cadences
    from followup_tui.domain.calling_hours import RulesError, load_rules
    from followup_tui.domain.caps import Caps
    from followup_tui.domain.policy import Policy

    folder = config_path().parent
    try:
        cadences = load_cadences(folder / "cadences.toml")
        rules = load_rules(folder / "calling_rules.toml")
    except (CadenceError, RulesError) as err:
        raise ConfigError(str(err)) from err
    if settings.cadence not in cadences:
        raise ConfigError(f"no cadence named {settings.cadence!r} (have: {', '.join(cadences)})")
    return Policy(
        cadences=cadences,
        rules=rules,
        caps=Caps(settings.touches_per_week, settings.touches_per_day),
        revisit_days=settings.revisit_days,
        default_cadence=settings.cadence,
    )
