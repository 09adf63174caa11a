"""Themes: TOML files (shipped in themes/, or the rep's own) turned into Textual Themes.

A broken file is skipped and reported; the app falls back to a built-in theme.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, cast

from msgspec import Struct
from textual.color import Color, ColorParseError
from textual.theme import Theme

COLOR_FIELDS = (
    "primary", "secondary", "warning", "error", "success", "accent",
    "foreground", "background", "surface", "panel", "boost",
)  # fmt: skip
FALLBACK_THEME = "textual-dark"


class LoadedThemes(Struct, frozen=True):
    themes: list[Theme]
    problems: list[str]


def shipped_theme_dir() -> Path:
    """themes/ of the source tree, or its copy inside an installed wheel."""
    source = Path(__file__).resolve().parents[2] / "themes"
    if source.is_dir():
        return source
    return Path(str(resources.files("followup_tui") / "_themes"))


def load_themes(folders: list[Path]) -> LoadedThemes:
    themes: list[Theme] = []
    problems: list[str] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                themes.append(theme_from_toml(path))
            except ValueError as err:
                problems.append(f"{path.name}: {err}")
    return LoadedThemes(themes, problems)


def theme_from_toml(path: Path) -> Theme:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ValueError(f"cannot read it ({err})") from err
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("needs a name")
    if "primary" not in data:
        raise ValueError("needs a primary colour")
    colors: dict[str, str] = {}
    for field in COLOR_FIELDS:
        if field in data:
            value = data[field]
            try:
                Color.parse(value)
            except (ColorParseError, TypeError) as err:
                raise ValueError(f"{field} = {value!r} is not a colour") from err
            colors[field] = value
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ValueError("dark must be true or false")
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ValueError("[variables] must be a table")
    return Theme(name=name.strip(), dark=dark, variables=dict(variables), **cast(Any, colors))
