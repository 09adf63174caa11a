"""What the contact editor accepts: an email that is an address (or none), and a
label that names one of the four (or a word reps use for one)."""

from __future__ import annotations

import pytest

from followup_tui.domain.email_address import email_problem, is_email_address
from followup_tui.domain.numbers import LABELS, known_label, label_of


@pytest.mark.parametrize(
    "text",
    ["dana@nettlecrest.com", "Dana.Reyes+crm@mail.nettlecrest.co.uk", "d@x.io", " d@x.io ", ""],
)
def test_an_address_or_none_is_fine(text):
    assert email_problem(text) is None


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("dana@@nettlecrest", "one @ only"),  # the user trial's typo
        ("dana@nettle@crest.com", "one @ only"),
        ("dana.nettlecrest.com", "an address needs an @"),
        ("@nettlecrest.com", "nothing before the @"),
        ("dana@", "nothing after the @"),
        ("dana@nettlecrest", "the part after the @ needs a dot, as in example.com"),
        ("dana reyes@nettlecrest.com", "no spaces in an address"),
        ("<dana@nettlecrest.com>", "no <, >, comma, semicolon or quote in an address"),
        ("dana@nettlecrest.c", "the part after the last dot is too short"),
    ],
)
def test_what_is_not_an_address_says_why(text, why):
    assert email_problem(text) == why
    assert not is_email_address(text.strip())


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        *((label, label) for label in LABELS),
        ("Mobile", "mobile"),
        ("  DIRECT ", "direct"),
        ("mob", "mobile"),  # a label's first letters
        ("d", "direct"),
        ("ot", "other"),
        ("cell", "mobile"),  # words reps and CRMs use for one
        ("switchboard", "office"),
        ("main", "office"),
        ("work", "direct"),
        ("desk", "direct"),  # a desk line is the person's direct line
        ("home", "other"),
        ("cell phone", "mobile"),  # with "phone", "line", "number" or "dial" after it
        ("Direct Line", "direct"),
        ("desk phone", "direct"),
        ("mobile number", "mobile"),
        ("", "other"),  # no label at all
    ],
)
def test_a_label_or_a_word_for_one_is_known(typed, label):
    assert known_label(typed) == label
    assert label_of(typed) == label


@pytest.mark.parametrize("typed", ["fax", "dsk", "pager", "phone", "line", "directly", "x"])
def test_a_word_for_no_label_is_none_of_them(typed):
    """Not silently another label: the editor says so; label_of (nobody to ask)
    keeps its 'other'."""
    assert known_label(typed) is None
    assert label_of(typed) == "other"
