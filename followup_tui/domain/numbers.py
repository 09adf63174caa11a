"""A prospect's several numbers: which is the main one, which to dial now.

A CRM gives a direct line, a mobile, the office switchboard and others; each is
kept with its label. The order of preference is direct, then mobile, then
office, then other (then the order they came in). The *main* number is the
first good one (dialable, not marked wrong) in that order: the store mirrors it
in the prospect's phone_* columns, where scripts and the one-number fast paths
read it. The number to *dial now* is the first good one whose calling hours are
open now, judged per number: a mobile may ring in another zone than the desk
line, and its own rule (by its area code) applies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from msgspec.structs import replace

from followup_tui.domain.calling_hours import CallingRules, is_open
from followup_tui.domain.models import PhoneNumber, Prospect
from followup_tui.domain.phones import ParsedPhone

LABELS = ("direct", "mobile", "office", "other")
"""Labels in order of preference: who picks up is likelier the further left."""
LABEL_RANK = {label: rank for rank, label in enumerate(LABELS)}


LABEL_ALIASES = {"cell": "mobile", "switchboard": "office", "main": "office",
                 "work": "direct", "desk": "direct", "home": "other"}  # fmt: skip
"""Words reps and CRMs use for a label: a desk line is the person's direct line."""
_LABEL_TAILS = frozenset({"phone", "line", "number", "dial"})  # "cell phone", "direct line"


def known_label(text: str) -> str | None:
    """A label as typed ('Mobile', 'mob', 'cell', 'desk phone') as one of LABELS;
    None when it names none of them ('fax', 'dsk'). No label at all is 'other'."""
    words = text.casefold().split()
    if not words:
        return "other"
    if len(words) > 1 and words[-1] in _LABEL_TAILS:
        words.pop()
    key = " ".join(words)
    for label in LABELS:
        if label.startswith(key):
            return label
    return LABEL_ALIASES.get(key)


def label_of(text: str) -> str:
    """A label as typed, as one of LABELS; 'other' for one that names none (where
    guessing is fine: the rep has been told, or nobody is there to ask)."""
    return known_label(text) or "other"


def preference(number: PhoneNumber) -> tuple[int, int, int]:
    return (LABEL_RANK.get(number.label, len(LABELS)), number.position, number.id or 0)


def ordered(numbers: Iterable[PhoneNumber]) -> list[PhoneNumber]:
    """Numbers in order of preference: direct, mobile, office, other."""
    return sorted(numbers, key=preference)


def main_number(numbers: Iterable[PhoneNumber]) -> PhoneNumber | None:
    """The number the prospect's phone_* columns hold: the first good one in order of
    preference; with none good, the first of all (so the header shows why)."""
    found = ordered(numbers)
    return next((n for n in found if n.good), found[0] if found else None)


def no_good_number_left(numbers: Sequence[PhoneNumber]) -> bool:
    """prospects.phone_bad: some number was marked wrong and no good one is left."""
    return any(n.bad for n in numbers) and not any(n.good for n in numbers)


def numbers_of(prospect: Prospect) -> tuple[PhoneNumber, ...]:
    """The prospect's numbers: those the store read, else the main number alone (from
    the phone_* fields); none when it has no number at all."""
    if prospect.numbers:
        return _main_as_stored(prospect)
    if not prospect.phone_raw and not prospect.phone_e164:
        return ()
    return (
        PhoneNumber("direct", prospect.phone_raw, prospect.phone_e164, prospect.phone_ext,
                    prospect.phone_zones, prospect.phone_problem, prospect.phone_bad,
                    main=True),
    )  # fmt: skip


def _main_as_stored(prospect: Prospect) -> tuple[PhoneNumber, ...]:
    """The numbers, the main one as the prospect's phone_* fields hold it: those are
    what a script may have changed by hand, and they win."""
    numbers = prospect.numbers
    main = next((n for n in numbers if n.main), None)
    if main is None or (main.raw, main.e164, main.ext) == (
        prospect.phone_raw,
        prospect.phone_e164,
        prospect.phone_ext,
    ):
        return numbers
    stored = replace(main, raw=prospect.phone_raw, e164=prospect.phone_e164,
                     ext=prospect.phone_ext, zones=prospect.phone_zones,
                     problem=prospect.phone_problem,
                     bad=main.bad or prospect.phone_bad)  # fmt: skip
    return tuple(stored if n is main else n for n in numbers)


def has_several(prospect: Prospect) -> bool:
    return len(prospect.numbers) > 1


def zones_for(prospect: Prospect, number: PhoneNumber) -> tuple[str, ...]:
    """Where `number` rings: the zone the rep set for the prospect (they know where the
    person is) wins; else the number's own zones."""
    return (prospect.timezone,) if prospect.timezone else number.zones


def best_of(numbers: Iterable[PhoneNumber], open_now: Callable[[PhoneNumber], bool]) -> (
    PhoneNumber | None
):  # fmt: skip
    """The first good number in order of preference for which `open_now` holds; else
    the first good one (closed now: the dial is an override); None when none is good."""
    good = [n for n in ordered(numbers) if n.good]
    return next((n for n in good if open_now(n)), good[0] if good else None)


def best_number(prospect: Prospect, moment: datetime, rules: CallingRules) -> PhoneNumber | None:
    """What `d` dials: direct, then mobile, then office, then other, skipping numbers
    marked wrong and those whose calling hours (their zones, their rule) are closed
    at `moment`; if every good number is closed, the first good one."""

    def open_now(number: PhoneNumber) -> bool:
        return is_open(moment, zones_for(prospect, number), rules.hours_for(number.e164))

    return best_of(numbers_of(prospect), open_now)


def number_from(parsed: ParsedPhone, label: str, source: str = "", position: int = 0) -> (
    PhoneNumber
):  # fmt: skip
    """A number read from text (an import, the rep's typing), not stored yet."""
    return PhoneNumber(label, parsed.raw, parsed.e164, parsed.extension, parsed.zones,
                       parsed.problem, source=source, position=position)  # fmt: skip


def same_number(a: PhoneNumber, e164: str | None, digits: str) -> bool:
    """Whether `a` is the number given as E.164 (when read) or as its digits."""
    if e164 is not None and a.e164 is not None:
        return a.e164 == e164
    return bool(digits) and "".join(ch for ch in a.raw if ch.isdigit()) == digits
