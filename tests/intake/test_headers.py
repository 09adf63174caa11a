"""Recognising the columns of CRM exports, and --map."""

from __future__ import annotations

import pytest

from followup_tui.intake.csv_read import IntakeError
from followup_tui.intake.headers import (
    PROSPECT_FIELDS,
    SIGNAL_FIELDS,
    TOUCH_FIELDS,
    header_key,
    parse_mappings,
    recognise,
)

HUBSPOT = [
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Phone Number",
    "Mobile Phone Number",
    "Company Name",
    "Job Title",
    "Lead Status",
    "Original Source",
    "Time Zone",
]
SALESFORCE = [
    "First Name",
    "Last Name",
    "Title",
    "Company / Account",
    "Phone",
    "Mobile",
    "Email",
    "Lead Source",
    "Do Not Call",
    "Description",
]
SALESFORCE_API = [
    "FirstName",
    "LastName",
    "Company",
    "Phone",
    "MobilePhone",
    "Email",
    "LeadSource",
    "DoNotCall",
    "Description",
]
PIPEDRIVE = [
    "Person - Name",
    "Person - Organization",
    "Person - Email - Work",
    "Person - Phone - Work",
    "Person - Phone - Mobile",
    "Person - Job title",
]
CLOSE = [
    "lead_name",
    "contact_name",
    "contact_title",
    "contact_primary_email",
    "contact_primary_phone",
    "lead_status",
]
APOLLO = [
    "First Name",
    "Last Name",
    "Title",
    "Company",
    "Email",
    "Email Status",
    "Work Direct Phone",
    "Mobile Phone",
    "Corporate Phone",
    "Apollo Contact Id",
]


def _fields(header):
    return dict(recognise(header, PROSPECT_FIELDS).described())


def test_hubspot():
    got = _fields(HUBSPOT)
    assert got == {
        "First Name": "first_name",
        "Last Name": "last_name",
        "Email": "email",
        "Phone Number": "phone",
        "Mobile Phone Number": "mobile_phone",
        "Company Name": "company",
        "Job Title": "title",
        "Original Source": "source",
        "Time Zone": "timezone",
    }
    assert recognise(HUBSPOT, PROSPECT_FIELDS).ignored == ("Record ID", "Lead Status")


@pytest.mark.parametrize("header", [SALESFORCE, SALESFORCE_API])
def test_salesforce_report_and_api_names(header):
    got = set(_fields(header).values())
    assert {
        "first_name",
        "last_name",
        "company",
        "phone",
        "mobile_phone",
        "email",
        "source",
        "do_not_call",
        "notes",
    } <= got


def test_pipedrive_prefixes_and_suffixes():
    assert _fields(PIPEDRIVE) == {
        "Person - Name": "name",
        "Person - Organization": "company",
        "Person - Email - Work": "email",
        "Person - Phone - Work": "phone",
        "Person - Phone - Mobile": "mobile_phone",
        "Person - Job title": "title",
    }


def test_close_snake_case_and_lead_name_is_the_company():
    got = _fields(CLOSE)
    assert got["lead_name"] == "company"
    assert got["contact_name"] == "name"
    assert got["contact_primary_phone"] == "phone"
    assert got["contact_primary_email"] == "email"
    assert got["contact_title"] == "title"


def test_apollo_phones_in_the_order_a_rep_wants_them():
    columns = recognise(APOLLO, PROSPECT_FIELDS)
    assert columns.columns["direct_dial"] == (APOLLO.index("Work Direct Phone"),)
    assert columns.columns["mobile_phone"] == (APOLLO.index("Mobile Phone"),)
    assert columns.columns["office_phone"] == (APOLLO.index("Corporate Phone"),)


def test_case_spaces_and_punctuation_do_not_matter():
    assert header_key("  E-Mail  Address ") == header_key("email_address") == "emailaddress"
    assert set(_fields(["FIRST NAME", " last_name ", "E-Mail", "PHONE NUMBER"]).values()) == {
        "first_name",
        "last_name",
        "email",
        "phone",
    }


def test_the_more_telling_spelling_is_read_first():
    header = ["Name", "Contact Name"]  # e.g. a company name and the person's
    columns = recognise(header, PROSPECT_FIELDS)
    assert columns.value(["Globex", "Raj Patel"], "name") == "Raj Patel"
    assert columns.value(["Globex", ""], "name") == "Globex"


def test_map_overrides_and_ignores():
    header = ["Cell", "Phone", "Who"]
    columns = recognise(
        header, PROSPECT_FIELDS, {"cell": "mobile_phone", "Phone": "ignore", "WHO": "Name"}
    )
    assert dict(columns.described()) == {"Cell": "mobile_phone", "Who": "name"}
    assert columns.ignored == ()


def test_map_errors_name_the_problem():
    with pytest.raises(IntakeError, match="unknown field 'telephone'"):
        recognise(["Cell"], PROSPECT_FIELDS, {"Cell": "telephone"})
    with pytest.raises(IntakeError, match=r"no column 'Mobile'.*Cell"):
        recognise(["Cell"], PROSPECT_FIELDS, {"Mobile": "phone"})
    with pytest.raises(IntakeError, match="COLUMN=field"):
        parse_mappings(["Cell"])
    assert parse_mappings(["Phone = 2=phone"]) == {"Phone = 2": "phone"}


def test_reason_column_of_a_rejects_file_is_left_out_quietly():
    columns = recognise(["Email", "reason"], PROSPECT_FIELDS)
    assert columns.ignored == () and dict(columns.described()) == {"Email": "email"}


def test_signal_and_touch_vocabularies():
    signals = dict(recognise(["E-mail", "Type", "Date", "Event Name"], SIGNAL_FIELDS).described())
    assert signals == {
        "E-mail": "email",
        "Type": "signal",
        "Date": "signal_date",
        "Event Name": "signal_detail",
    }
    touches = recognise(
        ["Followup ID", "Channel", "Outcome", "Started At", "Duration (s)", "Decision Maker"],
        TOUCH_FIELDS,
    )
    assert set(touches.columns) == {
        "followup_id",
        "channel",
        "outcome",
        "started_at",
        "duration_s",
        "decision_maker",
    }
