"""The shipped calling-code table is phonenumbers' own, and the queue's first page
judges calling hours without importing phonenumbers. Run this file as a script to
print the table anew: `python -m tests.domain.test_country_codes`."""

from __future__ import annotations

import phonenumbers

from followup_tui.domain.country_codes import REGIONS_OF_CODE
from tests.imports import loaded_after


def table_source(table: dict[int, tuple[str, ...]]) -> str:
    """The table's body as source, packed into lines of 100 columns."""
    words = []
    for code, regions in sorted(table.items()):
        quoted = [f'"{region}",' for region in regions]
        quoted[0] = f"{code}: ({quoted[0]}"
        quoted[-1] += "),"
        words += quoted
    lines, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > 96:
            lines.append(line)
            line = ""
        line = f"{line} {word}" if line else word
    return "\n".join(f"    {text}" for text in [*lines, line])


def phonenumbers_table() -> dict[int, tuple[str, ...]]:
    return {
        code: tuple(regions) for code, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items()
    }


def test_the_table_is_what_phonenumbers_says():
    theirs = {
        code: tuple(regions) for code, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items()
    }
    assert theirs == REGIONS_OF_CODE, (
        "regenerate followup_tui/domain/country_codes.py:\n" + table_source(theirs)
    )


def test_judging_calling_hours_never_loads_phonenumbers():
    """Importing phonenumbers costs about a tenth of the app's start-up: judging the
    calling hours of the queue's first page reads the shipped tables instead."""
    code = (
        "from followup_tui.domain.calling_hours import load_rules\n"
        "rules = load_rules()\n"
        "for number in ('+13125550142', '+442079460000', '+61291234567', '+61891641234'):\n"
        "    rules.hours_for(number)\n"
    )
    assert loaded_after(code, "phonenumbers") == {"phonenumbers": False}


if __name__ == "__main__":
    print(table_source(phonenumbers_table()))
