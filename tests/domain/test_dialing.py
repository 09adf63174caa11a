"""The pure parts of the dialer hand-off: URIs, command templates, their checks."""

from __future__ import annotations

import pytest

from followup_tui.domain.dialing import (
    DialError,
    DialNumber,
    command_for,
    dial_uri,
    number_to_dial,
    template_problem,
)
from followup_tui.domain.models import Prospect

CHICAGO = DialNumber("+13125550142", "12", "(312) 555-0142 x12")
LONDON = DialNumber("+442079460958")


def test_tel_uri_carries_the_extension_as_rfc_3966_says():
    assert dial_uri(CHICAGO) == "tel:+13125550142;ext=12"
    assert dial_uri(LONDON, "callto") == "callto:+442079460958"
    assert dial_uri(CHICAGO, "sip") == "sip:+13125550142;ext=12"


@pytest.mark.parametrize(
    ("number", "scheme"),
    [
        (DialNumber("+1 312 555 0142"), "tel"),
        (DialNumber("3125550142"), "tel"),
        (DialNumber("+13125550142", "12;phone-context=evil"), "tel"),
        (CHICAGO, "https"),
    ],
)
def test_a_uri_is_only_built_from_a_checked_number(number, scheme):
    with pytest.raises(DialError):
        dial_uri(number, scheme)


def test_the_number_forms_a_template_may_use():
    assert CHICAGO.fields() == {"e164": "+13125550142", "national": "3125550142",
                                "digits": "13125550142", "ext": "12"}  # fmt: skip
    assert LONDON.national == "02079460958"


def test_a_command_is_filled_one_argument_at_a_time():
    template = ("linphonec", "-c", "call {e164}", "{ext}", "x{ext}")
    assert command_for(template, CHICAGO) == ["linphonec", "-c", "call +13125550142", "12", "x12"]
    # An argument that is only a placeholder and comes out empty is left out.
    assert command_for(template, LONDON) == ["linphonec", "-c", "call +442079460958", "x"]
    hostile = DialNumber("+1 312; $(touch pwned) `id` 'q' \"d\"")
    assert command_for(("dial", "{e164}"), hostile) == ["dial", hostile.e164]
    assert command_for(("echo", "{{e164}}"), CHICAGO) == ["echo", "{e164}"]


@pytest.mark.parametrize(
    ("template", "words"),
    [
        (["dial", "{number}"], "unknown placeholder {number}"),
        (["dial", "{e164.__class__}"], "unknown placeholder"),
        (["dial", "{e164!r}"], "unknown placeholder {e164!r}"),
        (["dial", "{e164:>20}"], "unknown placeholder"),
        (["dial", "{}"], "unknown placeholder"),
        (["dial", "{e164"], "literal braces"),
        ("linphonec -c call", "list of arguments"),
        ([], "list of arguments"),
        (["dial", 3], "arguments are text"),
        (["", "{e164}"], "program to run"),
    ],
)
def test_a_bad_template_is_said_in_words(template, words):
    problem = template_problem(template)
    assert problem is not None and words in problem


def test_good_templates_pass():
    assert template_problem(["linphonec", "-c", "call {e164}"]) is None
    assert template_problem(["dial", "{national}", "{digits}", "ext={ext}", "{{x}}"]) is None


def test_only_a_stored_international_number_is_dialed():
    assert number_to_dial(Prospect(1, "A", phone_raw="not a number")) is None
    number = number_to_dial(Prospect(1, "A", phone_raw="x", phone_e164="+13125550142",
                                     phone_ext="7"))  # fmt: skip
    assert number == DialNumber("+13125550142", "7", "x")
