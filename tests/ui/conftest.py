"""What every screen test shares: the app's stylesheet parsed once per worker.

Textual parses the CSS (the app's and every widget's DEFAULT_CSS) again for each
new App: about a tenth of a test's start-up, hundreds of times a run. The parse
depends only on the text, where it was read from and the theme's variables, so
the same text parsed with the same variables gives the same rules; here one cache
serves every app of the process. The rules are never changed once parsed (Textual
already reuses them within an app).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from textual.css.stylesheet import Stylesheet


@pytest.fixture(autouse=True, scope="session")
def stylesheet_parsed_once() -> Iterator[None]:
    parse_rules = Stylesheet._parse_rules
    parsed: dict[tuple[Any, ...], Any] = {}

    def cached(self: Stylesheet, css: str, read_from: Any, *args: Any, **kwargs: Any) -> Any:
        key = (css, read_from, args, tuple(sorted(kwargs.items())),
               tuple(sorted(self._variables.items())))  # fmt: skip
        try:
            return parsed[key]
        except KeyError:
            rules = parsed[key] = parse_rules(self, css, read_from, *args, **kwargs)
            return rules

    Stylesheet._parse_rules = cached  # type: ignore[method-assign]
    yield
    Stylesheet._parse_rules = parse_rules  # type: ignore[method-assign]
