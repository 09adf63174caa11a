"""Email steps: templates filled from the prospect's file, and the mailto: URI for them.

A template is a TOML file with a `subject` and a `body` (and an optional
`label`, what the rep picks it by), in templates/ beside config.toml. Fields in
braces, `{first_name}`, `{company}`, `{reason_to_call}`, are filled from the
prospect and the research; `{{` and `}}` are literal braces. Filling never
guesses: an unknown placeholder or an empty field is said in words and no email
is opened, so a rep never sends "Hi {frist_name}" or "Hi ,"; nor "Hi {first_name}"
from a `{{first_name}}` written the way other mail tools write a field.

The research fields (PRIVATE_FIELDS) are the rep's own notes ("Warm - lead with
that"): a rep's template may use them, the shipped one never does.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path
from string import Formatter
from urllib.parse import quote

from msgspec import Struct

from followup_tui.domain.models import Prospect, Research

FIELDS = (
    "first_name", "last_name", "name", "title", "company", "email",
    "reason_to_call", "company_facts", "pains_goals",
)  # fmt: skip
# Written by the rep for the rep: pasted whole into a prospect's email they read as notes.
PRIVATE_FIELDS = ("reason_to_call", "company_facts", "pains_goals")
TEMPLATE_KEYS = ("subject", "body", "label")
SENTENCE_ENDS = (".", "?", "!")
# A literal `{word}` left in the text a prospect reads: a field in another tool's braces.
_LOOKS_LIKE_A_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"})
# Kept as they are in the address (RFC 6068 allows more, but a %-encoded character is
# always valid, and quotes or $ reach no opener's shell code this way).
ADDRESS_SAFE = "@+,"


class EmailTemplate(Struct, frozen=True):
    name: str  # the file's name without .toml
    label: str  # what the rep picks it by
    subject: str
    body: str
    path: Path


class LoadedTemplates(Struct, frozen=True):
    templates: list[EmailTemplate]
    problems: list[str]  # broken files, in words, with their path


class FilledEmail(Struct, frozen=True):
    to: str
    subject: str
    body: str

    @property
    def uri(self) -> str:
        return mailto_uri(self.to, self.subject, self.body)


def shipped_templates_dir() -> Path:
    """templates/ of the source tree (the example), or its copy inside an installed wheel."""
    source = Path(__file__).resolve().parents[2] / "templates"
    if source.is_dir():
        return source
    return Path(str(resources.files("followup_tui") / "_templates"))


def load_templates(*folders: Path) -> LoadedTemplates:
    """The templates of the first folder that holds any (the rep's, then the shipped
    example), by name. A broken file is left out and reported."""
    problems: list[str] = []
    for folder in folders:
        files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
        if not files:
            continue
        templates = []
        for path in files:
            loaded = _template(path)
            if isinstance(loaded, str):
                problems.append(loaded)
                continue
            template, label_problem = loaded
            templates.append(template)
            if label_problem:
                problems.append(label_problem)
        return LoadedTemplates(templates, problems)
    return LoadedTemplates([], problems)


def _template(path: Path) -> tuple[EmailTemplate, str | None] | str:
    """The template and what is wrong with its label, if anything (it is then listed by
    its file name); or why the file cannot be used."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        return f"{path}: cannot read it ({err})"
    unknown = sorted(set(data) - set(TEMPLATE_KEYS))
    if unknown:
        known = ", ".join(TEMPLATE_KEYS)
        return f"{path}: unknown setting {', '.join(unknown)} (a template has {known})"
    texts = {key: data.get(key, "") for key in TEMPLATE_KEYS}
    if not all(isinstance(value, str) for value in texts.values()):
        return f"{path}: subject, body and label are text"
    if not texts["subject"].strip() and not texts["body"].strip():
        return f"{path}: needs a subject or a body"
    label, problem = _label(texts["label"], path)
    return EmailTemplate(path.stem, label, texts["subject"], texts["body"], path), problem


def _label(text: str, path: Path) -> tuple[str, str | None]:
    """What M lists the template as, braces written as in the body (`{{` is one brace).
    A label is the same for every prospect, so a field in it (`{company}`, or
    `{{short}}` as other tools write one) cannot be filled: it is refused in words,
    and the file name stands in."""
    if not text.strip():
        return path.stem, None
    try:
        named = placeholders(text)
    except ValueError:
        return path.stem, (f"{path}: the label has a single {{ or }} (write {{{{ or }}}} for "
                           f"a brace); listed as {path.stem!r}")  # fmt: skip
    shown = " ".join(_filled(text, dict.fromkeys(named, "")).split())
    fields = [f"{{{name}}}" for name in named] + _field_lookalikes(shown)
    if fields:
        return path.stem, (f"{path}: the label {text.strip()!r} has {', '.join(fields)}, "
                           f"which no prospect fills there (a label is the same for all); "
                           f"listed as {path.stem!r}")  # fmt: skip
    return shown, None


def _field_lookalikes(filled: str) -> list[str]:
    """The `{word}`s a text still holds once filled: what `{{word}}` leaves."""
    return [match.group(0) for match in _LOOKS_LIKE_A_FIELD.finditer(filled)]


def first_and_last(name: str) -> tuple[str, str]:
    """'Dr. Maeve O'Brien' -> ('Maeve', "O'Brien"); one word is a first name."""
    words = name.split()
    while len(words) > 1 and words[0].rstrip(".").lower() in HONORIFICS:
        words = words[1:]
    if not words:
        return "", ""
    return words[0], (words[-1] if len(words) > 1 else "")


def fields_for(prospect: Prospect, research: Research | None) -> dict[str, str]:
    """What a template may use, from the prospect and their research."""
    first, last = first_and_last(prospect.name)
    found = {
        "first_name": first,
        "last_name": last,
        "name": prospect.name,
        "title": prospect.title,
        "company": prospect.company,
        "email": prospect.email,
        "reason_to_call": research.reason_to_call if research else "",
        "company_facts": research.company_facts if research else "",
        "pains_goals": research.pains_goals if research else "",
    }
    return {key: value.strip() for key, value in found.items()}


def placeholders(text: str) -> list[str]:
    """The fields `text` names, in order (a spec or conversion is part of the name, so
    `{name!r}` is reported as unknown). ValueError for a lone brace."""
    names = []
    for _, field, spec, conversion in Formatter().parse(text):
        if field is None:
            continue
        conversion = f"!{conversion}" if conversion else ""
        names.append(field + conversion + (f":{spec}" if spec else ""))
    return names


def fill(template: EmailTemplate, fields: dict[str, str], to: str) -> FilledEmail | str:
    """The email, or what stands in the way, in words: unknown placeholders (with the
    template's path), then fields that are empty for this prospect."""
    try:
        named = placeholders(template.subject) + placeholders(template.body)
    except ValueError:
        return f"{template.path}: a single {{ or }} (write {{{{ or }}}} for a brace)"
    unknown = sorted({name for name in named if name not in FIELDS})
    if unknown:
        listed = ", ".join(f"{{{name}}}" for name in unknown)
        return (f"{template.path}: unknown placeholder {listed}; "
                f"fields: {', '.join(FIELDS)}")  # fmt: skip
    missing = [name for name in dict.fromkeys(named) if not fields.get(name)]
    if missing:
        listed = ", ".join(f"{{{name}}}" for name in missing)
        return f"the template {template.label!r} needs {listed}, empty for this prospect"
    if literal := _literal_fields(template):
        field = f"{{{literal}}}"
        return (f"{template.path}: {{{field}}} would reach the prospect as {field}, "
                f"braces and all (a field has one brace: {field})")  # fmt: skip
    subject = " ".join(_filled(template.subject, fields).split())  # one line
    return FilledEmail(to, subject, _filled(template.body, fields).strip("\n"))


def _literal_fields(template: EmailTemplate) -> str:
    """The first field the subject or body writes in double braces (`{{first_name}}`,
    as other mail tools do), which would be sent as it is; empty if none."""
    empty = dict.fromkeys(FIELDS, "")
    for text in (template.subject, template.body):
        for found in _field_lookalikes(_filled(text, empty)):
            if (name := found[1:-1]) in FIELDS:
                return name
    return ""


def _filled(text: str, fields: dict[str, str]) -> str:
    """`text` with its fields put in as plain text: a value is never read as a template.
    A value ending in an abbreviation's dot ("Acme Ltd.") before the text's own "."
    "?" or "!" loses that dot: "fits Acme Ltd?", never "Ltd.?" nor "Ltd..".
    """
    parts: list[str] = []
    for literal, field, _, _ in Formatter().parse(text):
        if literal.startswith(SENTENCE_ENDS) and parts and _ends_in_one_dot(parts[-1]):
            parts[-1] = parts[-1][:-1]
        parts.append(literal)
        if field is not None:
            parts.append(fields[field])
    return "".join(parts)


def _ends_in_one_dot(value: str) -> bool:
    """'Ltd.' does; 'wait...' (an ellipsis) and 'Acme' do not."""
    return value.endswith(".") and not value.endswith("..")


def mailto_uri(to: str, subject: str = "", body: str = "") -> str:
    """An RFC 6068 mailto: URI. The address keeps letters, digits, `@ + , . - _ ~`
    and %-encodes the rest; subject and body are UTF-8 %-encoded whole (a space is %20, never +),
    with line breaks as %0D%0A, so no header can be slipped in through a field."""
    address = quote(to.strip(), safe=ADDRESS_SAFE)
    headers = []
    for key, value in (("subject", subject), ("body", body)):
        if value:
            crlf = "\r\n".join(value.splitlines())
            headers.append(f"{key}={quote(crlf, safe='')}")
    return f"mailto:{address}" + (f"?{'&'.join(headers)}" if headers else "")
