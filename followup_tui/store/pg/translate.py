"""SQLite's dialect, as the store's functions write it, in PostgreSQL's words.

The store keeps one text per question; the differences that matter to it are
mechanical, so they are rewritten here once per SQL text (cached) rather than
duplicated in every function:

- `?` and `:name` placeholders become psycopg's `%s` and `%(name)s` (and a
  literal `%` becomes `%%`);
- `LIKE` becomes `ILIKE` (SQLite's LIKE ignores ASCII case);
- a scalar `max(a, b)` / `min(a, b)` becomes `greatest` / `least`;
- `INDEXED BY name`, `NOT INDEXED` and the unary `+` that keeps SQLite off an
  index are planner hints PostgreSQL has no use for: dropped;
- a single-row `INSERT` into a table whose key is `id` gets `RETURNING id`, so
  the cursor can tell `lastrowid` as sqlite3's does.
String literals are left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from msgspec import Struct

ID_TABLES = frozenset(
    {"prospects", "touches", "signals", "undo_log", "dnc_log", "call_blocks", "phones"}
)
"""Tables whose key is a generated `id` (an INSERT into one returns it)."""

_INSERT = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)\s*\(([^)]*)\)", re.IGNORECASE)
_HINTS = re.compile(r"\s+(?:INDEXED\s+BY\s+\w+|NOT\s+INDEXED)\b", re.IGNORECASE)
_PLUS = re.compile(r"(?<![\w)])\+(?=[a-z_]+\.)")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class Translated(Struct, frozen=True):
    sql: str
    returns_id: bool  # RETURNING id was added: the first row is the new id
    table: str | None  # the table an INSERT writes
    sets_id: bool  # an INSERT that gives the id itself (the id sequence must follow)


@lru_cache(maxsize=1024)
def translate(sql: str, *, many: bool = False) -> Translated:
    """`sql` for psycopg (`many`: for executemany, never RETURNING)."""
    text = _HINTS.sub("", sql)
    text = _PLUS.sub("", text)
    text = _rewrite(text)
    text = _scalar_extremes(text)
    table, sets_id, returns_id = None, False, False
    match = _INSERT.match(sql)
    if match:
        table = match.group(1).lower()
        columns = {c.strip().lower() for c in match.group(2).split(",")}
        sets_id = "id" in columns
        if not many and table in ID_TABLES and "returning" not in sql.lower():
            text += " RETURNING id"
            returns_id = True
    return Translated(text, returns_id, table, sets_id)


def _rewrite(sql: str) -> str:
    """Placeholders, `%` and LIKE, outside string literals."""
    out: list[str] = []
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch == "'":
            end = i + 1
            while end < n:
                if sql[end] == "'":
                    if end + 1 < n and sql[end + 1] == "'":
                        end += 2
                        continue
                    break
                end += 1
            out.append(sql[i : end + 1].replace("%", "%%"))
            i = end + 1
        elif ch == "?":
            out.append("%s")
            i += 1
            while i < n and sql[i].isdigit():  # ?1: SQLite's numbered form, used in order
                i += 1
        elif ch == ":" and i + 1 < n and (sql[i + 1].isalpha() or sql[i + 1] == "_"):
            if i > 0 and sql[i - 1] == ":":  # a cast (::), never a name
                out.append(ch)
                i += 1
                continue
            word = _WORD.match(sql, i + 1)
            assert word is not None
            out.append(f"%({word.group()})s")
            i = word.end()
        elif ch == "%":
            out.append("%%")
            i += 1
        elif ch.isalpha() or ch == "_":
            word = _WORD.match(sql, i)
            assert word is not None
            token = word.group()
            out.append("ILIKE" if token.upper() == "LIKE" else token)
            i = word.end()
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _scalar_extremes(sql: str) -> str:
    """max(a, b) -> greatest(a, b); min(a, b) -> least(a, b). One argument: aggregate."""
    result = sql
    for name, scalar in (("max", "greatest"), ("min", "least")):
        start = 0
        pattern = re.compile(rf"\b{name}\(", re.IGNORECASE)
        while True:
            match = pattern.search(result, start)
            if match is None:
                break
            depth, j, comma = 1, match.end(), False
            while j < len(result) and depth:
                if result[j] == "(":
                    depth += 1
                elif result[j] == ")":
                    depth -= 1
                elif result[j] == "," and depth == 1:
                    comma = True
                j += 1
            if comma:
                result = result[: match.start()] + scalar + "(" + result[match.end() :]
            start = match.start() + 1
    return result
