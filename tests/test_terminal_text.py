"""terminal_text: data shown, never obeyed; widths in terminal cells."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from followup_tui.terminal_text import cells, cut, pad, safe, safe_same_length
from followup_tui.text_table import WHOLE, aligned
from tests.hostile import FAMILY, HOSTILE_NAMES, RLO, TITLE, hostile_text, obeyed


def test_escapes_and_controls_show_as_symbols():
    assert safe(f"Eve {TITLE}") == "Eve ␛]0;PWNED␇"
    assert safe("a\rb\x00c\x7f") == "a␍b␀c␡"
    assert safe("\x9b2J") == "\ufffd2J"
    assert safe("a\tb") == "a b"
    assert safe("\ud800x") == "\ufffdx"  # a lone surrogate from a badly decoded file


def test_line_breaks_stay_only_where_asked():
    assert safe("one\ntwo") == "one␊two"
    assert safe("one\r\ntwo\rthree", multiline=True) == "one\ntwo␍three"
    assert safe("a\u2028b", multiline=True) == "a\nb"


def test_bidi_and_invisible_format_characters_are_dropped():
    assert safe(f"{RLO}moc.elgoog") == "moc.elgoog"
    assert safe("a\u2066b\u2069c\u200ed\u200fe\u061cf\ufeff") == "abcdef"
    assert safe(FAMILY) == "👨👩👧" and cells(safe(FAMILY)) == 6
    assert safe("❤️") == "❤"


def test_plain_text_is_returned_as_it_is():
    text = "Zoë Ünal, 山田太郎 [CEO]"
    assert safe(text) is text


def test_an_editor_shows_one_character_for_each_it_holds():
    text = f"Eve {TITLE}{RLO}x\u200dy"
    shown = safe_same_length(text)
    assert len(shown) == len(text) and not obeyed(shown)


def test_widths_are_cells():
    assert cells("山田") == 4 and cells("e\u0301") == 1 and cells("abc") == 3
    assert cut("山田太郎", 5) == "山田…" and cells(cut("山田太郎", 5)) == 5
    assert cut("abcdef", 4) == "abc…" and cut("abc", 4) == "abc" and cut("abc", 0) == ""
    assert pad("山", 4) == "山  " and pad("7", 3, right=True) == "  7"


@given(hostile_text, st.booleans())
@settings(max_examples=300, deadline=None)
def test_nothing_a_terminal_obeys_survives(text, multiline):
    shown = safe(text, multiline=multiline)
    assert not obeyed(shown)
    assert "\x1b" not in shown
    assert multiline or "\n" not in shown
    assert safe(shown, multiline=multiline) == shown  # safe twice changes nothing more


@given(hostile_text, st.integers(1, 60))
@settings(max_examples=200, deadline=None)
def test_a_cut_field_fits_its_cells(text, width):
    field = cut(safe(text), width)
    assert cells(field) <= width
    assert cells(pad(field, width)) == width


@given(st.lists(st.tuples(hostile_text, hostile_text), min_size=1, max_size=6))
@settings(max_examples=150, deadline=None)
def test_aligned_rows_keep_their_width(pairs):
    rows = [(a, b, "|") for a, b in pairs]
    text = aligned(("NAME", "COMPANY", "|"), rows, max_width=20)
    lines = text.split("\n")
    assert len(lines) == len(rows) + 1  # no cell broke its row
    assert not obeyed(text)
    assert len({cells(row) for row in lines}) == 1  # the last column lines up


def test_aligned_with_the_hostile_names():
    rows = [(name, "Acme", "|") for name in HOSTILE_NAMES]
    lines = aligned(("NAME", "COMPANY", "|"), rows).split("\n")
    assert len(lines) == len(rows) + 1 and len({cells(row) for row in lines}) == 1


@given(st.lists(st.tuples(hostile_text, hostile_text), min_size=1, max_size=6),
       st.integers(36, 120))  # fmt: skip
@settings(max_examples=150, deadline=None)
def test_aligned_fits_the_terminal_and_keeps_what_must_stay_whole(pairs, width):
    """`followup queue` in an 80-column terminal: every row took two lines."""
    rows = [(a, "(312) 555-0188", b, "|") for a, b in pairs]
    header = ("NAME", "PHONE", "COMPANY", "|")
    lines = aligned(header, rows, fit=width, keep={1: WHOLE}).split("\n")
    assert all(cells(row) <= width for row in lines)  # 36 leaves room for every least
    assert all("(312) 555-0188" in row for row in lines[1:])
    assert len({cells(row) for row in lines}) == 1  # still lined up


def test_a_kept_width_gives_way_last():
    rows = [("Marisol Ibarra", "Junipercrest", "outside calling hours, opens Mon 08:00")]
    header = ("NAME", "COMPANY", "HELD")
    keep = {2: 20}
    lines = aligned(header, rows, max_width=52, fit=40, keep=keep).split("\n")
    assert lines[1].endswith("outside calling hou…") and max(map(cells, lines)) <= 40
    lines = aligned(header, rows, max_width=52, fit=24, keep=keep).split("\n")
    assert max(map(cells, lines)) <= 24  # no room for what was asked: it gives way too
    assert aligned(header, rows, max_width=52).split("\n")[1].endswith("opens Mon 08:00")


def test_the_queue_fits_80_columns_beside_a_long_number():
    """'+61 2 5550 6602 ext. 12' left 15 cells for three columns of at least six:
    every row still wrapped."""
    header = ("ID", "NAME", "COMPANY", "PHONE", "THEIR TIME", "TOUCHES", "NEXT", "DUE")
    rows = [("208", "Daniel Whitfield", "Lindenstone Cold Chain Ltd", "+61 2 5550 6602 ext. 12",
             "15:00 AEDT", "6", "LinkedIn message", "12d late")]  # fmt: skip
    keep = {0: WHOLE, 3: WHOLE, 4: WHOLE, 5: WHOLE, 7: WHOLE}
    lines = aligned(header, rows, fit=80, keep=keep).split("\n")
    assert max(map(cells, lines)) <= 80
    assert "+61 2 5550 6602 ext. 12" in lines[1] and lines[1].endswith("12d late")
