"""Text as it comes in CRM exports, web forms and other people's spreadsheets, and
the checks that none of it is obeyed by a terminal."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from hypothesis import strategies as st

TITLE = "\x1b]0;PWNED\x07"  # sets the terminal's title
RED = "\x1b[31m"  # colours what follows
CSI_C1 = "\x9b2J"  # the one-byte CSI: clears the screen on some terminals
RLO = "\u202e"  # right-to-left override
FAMILY = "👨\u200d👩\u200d👧"  # two cells in one terminal, six in another
HOSTILE_NAMES = (
    f"Eve {TITLE}Mallory",
    f"{RED}Red Robin{RED}",
    "Carriage\rReturn Ltd",
    f"{RLO}moc.elgoog Ana",
    f"Family {FAMILY} Chen",
    "Zoë\u0301 Ünal 山田太郎",
    "x" * 10_000,
    f"{CSI_C1}Clear Screen\x00\x08\x7f",
    "Line\nBreak\u2028Sep",
)

_pieces = st.sampled_from(
    [TITLE, RED, CSI_C1, RLO, FAMILY, "\r", "\n", "\t", "\x00", "\x07", "\x7f", "\u2066",
     "\u200f", "\u061c", "\ufeff", "\u0301", "山", "é", "[b]x[/b]", "❤️", " "]
)  # fmt: skip
hostile_text = st.lists(
    st.one_of(_pieces, st.text(min_size=0, max_size=8)), min_size=0, max_size=12
).map("".join) | st.builds(lambda n, s: s * n, st.integers(200, 3000), _pieces)

# What a terminal obeys: C0 controls but \n, DEL, C1 controls, bidi overrides/isolates.
OBEYED = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# The escape sequences Textual itself writes: SGR colours and cursor moves.
OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;:?<>=]*[A-Za-z]")


def obeyed(text: str) -> list[str]:
    """Characters in `text` a terminal would act on rather than show."""
    return OBEYED.findall(text)


def data_escapes(terminal_output: str) -> list[str]:
    """What is left in a terminal stream once the renderer's own CSI sequences are
    taken out (newlines separate rows): it must be nothing."""
    return obeyed(OWN_SEQUENCES.sub("", terminal_output).replace("\n", ""))


def csv_names() -> list[str]:
    """The hostile names as a CSV can hold them (a line break inside a field is refused
    there, and so is a NUL byte)."""
    return [n.replace("\x00", "").replace("\r", "").replace("\n", " ") for n in HOSTILE_NAMES]


def write_hostile_csv(path: Path) -> Path:
    """A CRM export whose names, companies, titles and notes hold title-setting and
    colour escapes, carriage returns, RTL overrides and a 10,000-character name."""
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Name", "Company", "Phone", "Email", "Job Title", "Notes"])
        for i, name in enumerate(csv_names()):
            phone, email = f"+1 212 555 01{i:02d}", f"p{i}@example.com"
            note = f"said {TITLE}\r\nthen\rover"
            writer.writerow([name, f"Co{i} {RED}RED{RLO}", phone, email, f"VP{TITLE}", note])
    return path
