"""The import's PhoneReader gives exactly parse_phone's answers."""

from __future__ import annotations

import re

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneMetadata
from phonenumbers.phonenumberutil import SUPPORTED_REGIONS

from followup_tui.domain.phones import parse_phone
from followup_tui.intake.identity import digits
from followup_tui.intake.phone_reading import PhoneReader, number_type

REGIONS = ["US", "CA", "GB", "DE", "AU", "IN", "FR", "BR"]
SEPARATORS = st.sampled_from(["", " ", "-", ".", "  "])


@st.composite
def nanp_like(draw) -> str:
    """North American numbers written every which way, some invalid, some with extensions."""
    area = draw(st.integers(0, 999))
    exchange = draw(st.integers(0, 999))
    line = draw(st.integers(0, 9999))
    sep = draw(SEPARATORS)
    area_text = draw(st.sampled_from([f"{area:03d}", f"({area:03d})", f"({area:03d}) "]))
    prefix = draw(st.sampled_from(["", "+1", "+1 ", "1", "1-", "+ 1 ", "001 ", "+44 "]))
    ext = draw(st.sampled_from(["", " x12", "x7", " ext. 4", "ext.123456", " #12", " x1234567"]))
    return f"{prefix}{area_text}{sep}{exchange:03d}{sep}{line:04d}{ext}"


@st.composite
def plus_and_groups(draw) -> str:
    """A plus, a country code (an example number's, or any) and digits in groups."""
    region = draw(st.sampled_from(sorted(SUPPORTED_REGIONS)))
    metadata = PhoneMetadata.metadata_for_region(region)
    examples = [
        d.example_number
        for d in (getattr(metadata, a) for a in EXAMPLE_TYPES)
        if d is not None and d.example_number
    ]
    digits = draw(st.sampled_from(examples)) if examples else ""
    digits = (
        draw(st.sampled_from(["", "0"])) + digits + draw(st.from_regex(r"\d{0,2}", fullmatch=True))
    )
    code = str(metadata.country_code) if draw(st.booleans()) else str(draw(st.integers(0, 999)))
    cuts = sorted(draw(st.lists(st.integers(0, len(digits)), max_size=4)))
    groups = [digits[a:b] for a, b in zip([0, *cuts], [*cuts, len(digits)], strict=True)]
    return "+" + " ".join(g for g in [code, *groups] if g)


PHONE_TEXT = st.one_of(
    nanp_like(),
    plus_and_groups(),
    st.text(alphabet="0123456789+-(). xext#", max_size=24),
    st.text(max_size=16),
    st.from_regex(r"\+[1-9]\d{0,2} ?\d{4,12}", fullmatch=True),
)


@settings(max_examples=600, deadline=None)
@given(PHONE_TEXT, st.sampled_from(REGIONS))
def test_same_answer_as_parse_phone(text, region):
    assert PhoneReader(region).read(text) == parse_phone(text, region)


def test_remembered_numbers_are_read_once_and_the_same():
    reader = PhoneReader("US")
    first = reader.read(" (312) 555-0142 ")
    assert reader.read("(312) 555-0142") is first
    assert first.e164 == "+13125550142"


def test_digits_of_other_scripts_read_as_parse_phone_reads_them():
    texts = ("(312) ５55-0142", "312 5\U00011957 5 0142", "+44 ２0 7946 0123", "+1 312 ٥55 0142")
    for text in texts:
        assert PhoneReader("US").read(text) == parse_phone(text, "US")


def test_blank_is_no_phone():
    assert PhoneReader().read("   ") == parse_phone("")
    assert PhoneReader().read(None).problem == "no phone number"


@st.composite
def numbers_of_every_kind(draw) -> tuple[int, str]:
    """A country code and a national number: an example number of one of its types with
    a digit or two changed (so near the patterns' edges), or digits at random."""
    region = draw(st.sampled_from(sorted(SUPPORTED_REGIONS)))
    metadata = PhoneMetadata.metadata_for_region(region)
    examples = [
        d.example_number
        for d in (getattr(metadata, a) for a in EXAMPLE_TYPES)
        if d is not None and d.example_number
    ]
    if examples and draw(st.booleans()):
        national = draw(st.sampled_from(examples))
        for _ in range(draw(st.integers(0, 2))):
            at = draw(st.integers(0, len(national) - 1))
            national = national[:at] + draw(st.sampled_from("0123456789")) + national[at + 1 :]
    else:
        national = draw(st.from_regex(r"[1-9]\d{1,14}", fullmatch=True))
    return metadata.country_code, national


EXAMPLE_TYPES = (
    "fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "personal_number",
    "voip", "pager", "uan", "voicemail",
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(numbers_of_every_kind())
def test_number_type_is_phonenumbers_number_type(case):
    country, national = case
    number = phonenumbers.PhoneNumber(country_code=country, national_number=int(national))
    expected = phonenumbers.number_type(number)
    assert number_type(country, phonenumbers.national_significant_number(number)) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=30) | st.text(alphabet="0123456789 +-().x٥５", max_size=20))
def test_digits_keeps_every_digit_of_any_script_and_nothing_else(text):
    """identity.digits reads ASCII text its own quick way; the answer is the regex's."""
    assert digits(text) == re.sub(r"\D+", "", text)
