"""Email templates and mailto: URIs (RFC 6068)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from followup_tui.domain.email_templates import (
    PRIVATE_FIELDS,
    EmailTemplate,
    FilledEmail,
    fields_for,
    fill,
    first_and_last,
    load_templates,
    mailto_uri,
    placeholders,
    shipped_templates_dir,
)
from followup_tui.domain.models import Prospect, Research

MAEVE = Prospect(1, "Dr. Maeve O'Brien", title="CEO", company="Acme [Holdings] & Sons",
                 email="maeve.obrien@acme.example")  # fmt: skip
RESEARCH = Research(1, reason_to_call="3 new stores; 100% growth?")


def template(subject: str, body: str = "") -> EmailTemplate:
    return EmailTemplate("t", "t", subject, body, Path("templates/t.toml"))


def test_subject_and_body_are_percent_encoded_whole_with_crlf_line_breaks():
    uri = mailto_uri("a@b.example", "Hi & welcome = 100%?", "Line one\nLine #2 é\n\n+ end")
    assert uri == (
        "mailto:a@b.example?subject=Hi%20%26%20welcome%20%3D%20100%25%3F"
        "&body=Line%20one%0D%0ALine%20%232%20%C3%A9%0D%0A%0D%0A%2B%20end"
    )
    parts = urlsplit(uri)
    assert parts.scheme == "mailto" and parts.path == "a@b.example"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Hi & welcome = 100%?"]
    assert query["body"] == ["Line one\r\nLine #2 é\r\n\r\n+ end"]


def test_the_address_cannot_add_headers_or_recipients():
    uri = mailto_uri(" x?cc=boss@corp.example&bcc=y@z#frag ", "s")
    assert uri == "mailto:x%3Fcc%3Dboss@corp.example%26bcc%3Dy@z%23frag?subject=s"
    assert uri.count("?") == 1 and uri.count("&") == 0  # one header, ours
    assert unquote(urlsplit(uri).path) == "x?cc=boss@corp.example&bcc=y@z#frag"
    assert mailto_uri("o'brien+news@acme.example") == "mailto:o%27brien+news@acme.example"
    assert mailto_uri("a@b.example") == "mailto:a@b.example"  # no empty headers


def test_fields_come_from_the_prospect_and_the_research():
    fields = fields_for(MAEVE, RESEARCH)
    assert (fields["first_name"], fields["last_name"]) == ("Maeve", "O'Brien")
    assert fields["company"] == "Acme [Holdings] & Sons"
    assert fields["reason_to_call"] == "3 new stores; 100% growth?"
    assert fields_for(MAEVE, None)["reason_to_call"] == ""
    assert first_and_last("Cher") == ("Cher", "")
    assert first_and_last("  ") == ("", "")


def test_filling_puts_values_in_as_text_and_braces_stay_literal():
    filled = fill(
        template("{first_name}, an idea for {company}", "Hi {first_name},\n{{not a field}}\n"),
        fields_for(replace_name(MAEVE, "Maeve {company}"), RESEARCH),
        MAEVE.email,
    )
    assert filled == FilledEmail(
        MAEVE.email, "Maeve, an idea for Acme [Holdings] & Sons", "Hi Maeve,\n{not a field}"
    )


def replace_name(prospect: Prospect, name: str) -> Prospect:
    from msgspec.structs import replace

    return replace(prospect, name=name)


def test_a_missing_field_is_said_and_nothing_is_filled():
    said = fill(template("Hi {first_name}", "{reason_to_call} {pains_goals}"),
                fields_for(MAEVE, None), MAEVE.email)  # fmt: skip
    assert said == "the template 't' needs {reason_to_call}, {pains_goals}, empty for this prospect"


@pytest.mark.parametrize(
    ("subject", "words"),
    [
        ("Hi {frist_name} {nmae}", "unknown placeholder {frist_name}, {nmae}"),
        ("{name.__class__}", "unknown placeholder {name.__class__}"),
        ("{name!r} {0} {}", "unknown placeholder {}, {0}, {name!r}"),
        ("Hi {name", "a single { or }"),
    ],
)
def test_unknown_placeholders_are_reported_with_the_file(subject, words):
    said = fill(template(subject), fields_for(MAEVE, RESEARCH), MAEVE.email)
    assert isinstance(said, str) and said.startswith("templates/t.toml: ") and words in said


def test_the_reps_templates_come_first_and_broken_ones_are_reported(tmp_path):
    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / "b.toml").write_text('subject = "B"\nbody = "b"\n')
    (mine / "a.toml").write_text('label = "First"\nsubject = "A"\n')
    (mine / "bad.toml").write_text('subject = "unclosed\n')
    (mine / "odd.toml").write_text('subjet = "typo"\n')
    (mine / "empty.toml").write_text('label = "nothing"\n')
    loaded = load_templates(mine, shipped_templates_dir())
    assert [(t.name, t.label) for t in loaded.templates] == [("a", "First"), ("b", "b")]
    assert len(loaded.problems) == 3
    assert any("odd.toml: unknown setting subjet" in p for p in loaded.problems)
    assert any("empty.toml: needs a subject or a body" in p for p in loaded.problems)
    assert any("bad.toml: cannot read it" in p for p in loaded.problems)


def test_the_shipped_example_is_used_when_the_rep_has_none(tmp_path):
    loaded = load_templates(tmp_path / "templates", shipped_templates_dir())
    assert [t.name for t in loaded.templates] == ["intro"] and not loaded.problems
    filled = fill(loaded.templates[0], fields_for(MAEVE, RESEARCH), MAEVE.email)
    assert isinstance(filled, FilledEmail)
    assert filled.subject == "Maeve, a quick idea for Acme [Holdings] & Sons"
    assert "3 new stores; 100% growth?" not in filled.body


def test_the_shipped_example_never_pastes_the_reps_notes_into_the_email():
    """ "Warm - lead with that" is for the rep, not the prospect."""
    (intro,) = load_templates(shipped_templates_dir()).templates
    used = set(placeholders(intro.subject) + placeholders(intro.body))
    assert used and not used & set(PRIVATE_FIELDS)


def test_a_reps_own_template_may_still_use_the_research():
    filled = fill(template("Re {company}", "Why: {reason_to_call}"), fields_for(MAEVE, RESEARCH),
                  MAEVE.email)  # fmt: skip
    assert isinstance(filled, FilledEmail) and filled.body == "Why: 3 new stores; 100% growth?"


@pytest.mark.parametrize(
    ("company", "body", "expected"),
    [
        (
            "Kestrelhollow Contracting Ltd.",
            "fits {company}?",
            "fits Kestrelhollow Contracting Ltd?",
        ),
        ("Acme Inc.", "We met {company}. Then", "We met Acme Inc. Then"),
        ("Acme Inc.", "Hello {company}!", "Hello Acme Inc!"),
        ("Acme Inc.", "{company}, hello", "Acme Inc., hello"),
        ("Wait...", "{company}?", "Wait...?"),
        ("Acme", "fits {company}?", "fits Acme?"),
    ],
)
def test_an_abbreviations_dot_does_not_double_a_sentence_end(company, body, expected):
    from msgspec.structs import replace

    filled = fill(template("Re", body), fields_for(replace(MAEVE, company=company), None),
                  MAEVE.email)  # fmt: skip
    assert isinstance(filled, FilledEmail) and filled.body == expected


def test_a_field_in_double_braces_is_refused_rather_than_sent_as_written():
    said = fill(template("Hi", "Hi {{first_name}},"), fields_for(MAEVE, None), MAEVE.email)
    assert said == (
        "templates/t.toml: {{first_name}} would reach the prospect as {first_name}, "
        "braces and all (a field has one brace: {first_name})"
    )


@pytest.mark.parametrize(
    ("label", "shown", "problem"),
    [
        ("Short and {{sweet}}", "short", "the label 'Short and {{sweet}}' has {sweet}"),
        ("{{short}}", "short", "the label '{{short}}' has {short}"),
        ("For {company}", "short", "the label 'For {company}' has {company}"),
        ("Half {brace", "short", "the label has a single { or }"),
        ("A {{ brace }}", "A { brace }", None),
        ("  Quick  note ", "Quick note", None),
    ],
)
def test_a_labels_braces_are_read_as_in_the_body_and_fields_refused(tmp_path, label, shown,
                                                                    problem):  # fmt: skip
    (tmp_path / "short.toml").write_text(f'label = "{label}"\nsubject = "S"\n')
    loaded = load_templates(tmp_path)
    assert [t.label for t in loaded.templates] == [shown]
    if problem is None:
        assert loaded.problems == []
    else:
        (said,) = loaded.problems
        assert problem in said and said.endswith("listed as 'short'")
