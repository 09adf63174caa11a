"""Where things live and what the rep chose: paths (platformdirs) and config.toml.

The config file is optional. A broken one is reported with its path and the
problem; the app never starts on half-read settings. A name it does not know
(a typo, a setting of another version) is read past and reported with its file
and line, so a typo is never silently ignored and never stops the rep.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from followup_tui.domain.dialing import (
    MODES,
    SCHEMES,
    DialerSettings,
    template_problem,
)

if TYPE_CHECKING:
    from followup_tui.domain.policy import Policy

APP_NAME = "followup-tui"
SETTINGS = ("timezone", "region", "theme", "keys", "touches_per_week", "touches_per_day",
            "revisit_days", "cadence", "dialer", "database", "rep")  # fmt: skip
DIALER_SETTINGS = ("mode", "scheme", "command", "timeout", "auto_advance", "wrap_up_seconds")


class ConfigError(ValueError):
    """A config file or setting the app cannot use; the message is for the rep."""


class PowerDial(Struct, frozen=True):
    """[dialer] auto_advance: after an outcome in the calls view, the next call is
    dialed once a visible wrap-up countdown of `wrap_up_seconds` runs out."""

    auto_advance: bool = False
    wrap_up_seconds: int = 5


class Settings(Struct, frozen=True):
    timezone: str | None = None  # the rep's own zone; None: the machine's
    region: str = "US"  # the country numbers without a country code belong to
    theme: str = "followup-dark"
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> keys, for set_keymap
    touches_per_week: int = 2
    touches_per_day: int = 1
    revisit_days: int = 90
    cadence: str = "persistent"  # the cadence new prospects start on
    dialer: DialerSettings = field(default_factory=DialerSettings)
    power_dial: PowerDial = field(default_factory=PowerDial)
    database: str | None = None  # a file or a postgresql:// URL (a team's server)
    rep: str | None = None  # who this is, in a team; None: FOLLOWUP_REP, else the login name
    problems: tuple[str, ...] = ()  # names read past, with file and line, for the rep
    path: Path | None = None  # the config file these came from (or would be saved to)


DEFAULTS = Settings()
"""Every setting's default, read where a config leaves one out."""


# platformdirs is imported only where a default path is asked for: a command given
# --db and FOLLOWUP_CONFIG starts without it.


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    override = os.environ.get("FOLLOWUP_CONFIG", "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def user_theme_dir() -> Path:
    return config_path().parent / "themes"


def cadences_path() -> Path:
    return config_path().parent / "cadences.toml"


def calling_rules_path() -> Path:
    return config_path().parent / "calling_rules.toml"


def templates_dir() -> Path:
    return config_path().parent / "templates"


def default_db_path() -> Path:
    return data_dir() / "followup.db"


def database_path(cli_path: str | None, configured: str | None = None) -> Path | str:
    """--db, then FOLLOWUP_DB, then `database` in config.toml, then the file in the
    user data dir. A postgresql:// URL stays text (it is never a file)."""
    chosen = cli_path or os.environ.get("FOLLOWUP_DB", "").strip() or (configured or "").strip()
    if chosen.lower().startswith(("postgresql://", "postgres://")):
        return chosen
    return Path(chosen).expanduser() if chosen else default_db_path()


def load_settings(path: Path | None = None) -> Settings:
    """Read config.toml if there is one; defaults otherwise."""
    target = path or config_path()
    if not target.exists():
        return Settings(path=target)
    try:
        text = target.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"cannot read {target}: {err}") from err
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{target} is not valid TOML: {err}") from err
    return _settings_from(data, _Where(target, text))


_TABLE = re.compile(r"^\s*\[\s*(?P<name>[^\[\]#]+?)\s*\]")
_KEY = re.compile(r"""^\s*(?P<q>["']?)(?P<key>[^"'=\s]+)(?P=q)\s*=""")


def setting_line(text: str, table: str, key: str) -> int | None:
    """The line (from 1) where `key` is set in `[table]` ("" for the top), if it can
    be found by reading lines: enough to point the rep at a typo."""
    current = ""
    for number, raw in enumerate(text.splitlines(), 1):
        if found := _TABLE.match(raw):
            current = found["name"].strip().strip("\"'")
        elif (found := _KEY.match(raw)) and current == table and found["key"] == key:
            return number
    return None


class _Where(Struct, frozen=True):
    """A config file and its text, to say where a setting is."""

    path: Path
    text: str

    def __call__(self, key: str, table: str = "") -> str:
        number = setting_line(self.text, table, key)
        return f"{self.path}:{number}" if number else str(self.path)


def where(path: Path, key: str, table: str = "") -> str:
    """`path:line` of a setting, for messages about it (the file alone if not found)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return str(path)
    return _Where(path, text)(key, table)


def unknown_names(
    given: list[str], known: tuple[str, ...] | set[str], what: str
) -> list[tuple[str, str]]:
    """(name, words) for each name not known, with the nearest known one as a hint."""
    found = []
    for name in given:
        if name in known:
            continue
        import difflib  # only for a typo: 5 ms of start-up otherwise

        near = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        found.append((name, f"unknown {what} {name!r}{hint}; ignored"))
    return found


def _settings_from(data: dict[str, Any], at: _Where) -> Settings:
    def text(key: str, default: str | None) -> str | None:
        value = data.get(key, default)
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"{at(key)}: '{key}' must be text, got {value!r}")
        return value

    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keys.items()
    ):
        raise ConfigError(f'{at("keys")}: [keys] maps action ids to keys, e.g. dial = "d"')

    def whole(key: str, default: int, low: int, high: int) -> int:
        value = data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ConfigError(f"{at(key)}: '{key}' must be a whole number from {low} to {high}")
        return value

    region = text("region", DEFAULTS.region) or DEFAULTS.region
    if len(region) != 2 or not region.isalpha():
        raise ConfigError(f"{at('region')}: 'region' is a two-letter country code such as US or GB")
    problems = [
        f"{at(name)}: {words}" for name, words in unknown_names(list(data), SETTINGS, "setting")
    ]
    dialer = _dialer_from(data.get("dialer", {}), at, problems)
    return Settings(
        timezone=text("timezone", None),
        region=region.upper(),
        theme=text("theme", DEFAULTS.theme) or DEFAULTS.theme,
        keys=dict(keys),
        touches_per_week=whole("touches_per_week", DEFAULTS.touches_per_week, 1, 14),
        touches_per_day=whole("touches_per_day", DEFAULTS.touches_per_day, 1, 5),
        revisit_days=whole("revisit_days", DEFAULTS.revisit_days, 1, 730),
        cadence=text("cadence", DEFAULTS.cadence) or DEFAULTS.cadence,
        dialer=dialer,
        power_dial=_power_dial_from(data.get("dialer", {}), at),
        database=text("database", None),
        rep=text("rep", None),
        problems=tuple(problems),
        path=at.path,
    )


def _dialer_from(table: object, at: _Where, problems: list[str]) -> DialerSettings:
    """[dialer]: mode, scheme, command (a checked template), timeout."""
    if not isinstance(table, dict):
        raise ConfigError(f'{at("dialer")}: [dialer] is a table, e.g. mode = "clipboard"')
    for name, words in unknown_names(list(table), DIALER_SETTINGS, "[dialer] setting"):
        problems.append(f"{at(name, 'dialer')}: {words}")

    def fail(key: str, words: str) -> ConfigError:
        return ConfigError(f"{at(key, 'dialer')}: [dialer] {words}")

    mode = table.get("mode", "clipboard")
    if mode not in MODES:
        raise fail("mode", f"mode = {mode!r}: use one of {', '.join(MODES)}")
    scheme = table.get("scheme", "tel")
    if scheme not in SCHEMES:
        raise fail("scheme", f"scheme = {scheme!r}: use one of {', '.join(SCHEMES)}")
    command = table.get("command")
    if command is not None and (problem := template_problem(command)):
        raise fail("command", problem)
    if mode == "command" and command is None:
        raise fail("mode", 'mode = "command" needs command = ["program", "{e164}"]')
    timeout = table.get("timeout", DEFAULTS.dialer.timeout_s)
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, (int, float))
        or not 1 <= timeout <= 600
    ):
        raise fail("timeout", "timeout is the seconds to wait for the phone program (1 to 600)")
    return DialerSettings(mode=mode, scheme=scheme, command=tuple(command or ()),
                          timeout_s=float(timeout))  # fmt: skip


def _power_dial_from(table: dict[str, Any], at: _Where) -> PowerDial:
    """auto_advance and wrap_up_seconds of [dialer] (read after _dialer_from checked it
    is a table): the power dial's, apart from the hand-off's settings."""

    def fail(key: str, words: str) -> ConfigError:
        return ConfigError(f"{at(key, 'dialer')}: [dialer] {words}")

    auto = table.get("auto_advance", DEFAULTS.power_dial.auto_advance)
    if not isinstance(auto, bool):
        raise fail("auto_advance", "auto_advance is true or false")
    wait = table.get("wrap_up_seconds", DEFAULTS.power_dial.wrap_up_seconds)
    if not isinstance(wait, int) or isinstance(wait, bool) or not 1 <= wait <= 120:
        raise fail("wrap_up_seconds", "wrap_up_seconds is a whole number from 1 to 120")
    return PowerDial(auto, wait)


_THEME_LINE = re.compile(r"""^(?P<lead>\s*["']?theme["']?\s*=\s*)(?P<value>"[^"]*"|'[^']*')""")


def remember_theme(path: Path, name: str) -> None:
    """Write `theme = "name"` into config.toml, changing only that line (or adding it
    at the top): the rest of the file and its comments stay as the rep wrote them.
    The new text is checked before it replaces the file, in one rename."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path} is not valid TOML ({err}); the theme was not saved") from err
    value = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    lines = text.splitlines(keepends=True)
    line = setting_line(text, "", "theme") if "theme" in before else None
    if line is not None and (found := _THEME_LINE.match(lines[line - 1])):
        lines[line - 1] = found["lead"] + value + lines[line - 1][found.end() :]
    elif "theme" in before:
        raise ConfigError(f"{path}: could not find the theme line to change")
    else:
        first_table = next((i for i, ln in enumerate(lines) if _TABLE.match(ln)), len(lines))
        while first_table and lines[first_table - 1].lstrip().startswith("#"):
            first_table -= 1  # above the comment that introduces the table
        if first_table and not lines[first_table - 1].endswith("\n"):
            lines[first_table - 1] += "\n"
        lines.insert(first_table, f"theme = {value}\n")
    new_text = "".join(lines)
    after = tomllib.loads(new_text)
    if after.get("theme") != name or {**after, "theme": None} != {**before, "theme": None}:
        raise ConfigError(f"{path}: changing the theme line would change more; not saved")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".saving")
    temporary.write_text(new_text, encoding="utf-8")
    os.replace(temporary, path)


def load_policy(settings: Settings) -> Policy:
    """The follow-up policy: built-in rules and cadences, the rep's files beside
    config.toml layered on top, and the caps from the settings. Its modules load
    here, when a command needs the policy: `followup stats` never does."""
    from followup_tui.domain.cadence import CadenceError, load_cadences
    from followup_tui.domain.calling_hours import RulesError, load_rules
    from followup_tui.domain.caps import Caps
    from followup_tui.domain.policy import Policy

    try:
        cadences = load_cadences(cadences_path())
        rules = load_rules(calling_rules_path())
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
