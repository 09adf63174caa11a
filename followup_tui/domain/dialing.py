"""Handing a number to the rep's phone: the pure parts (no processes, no Textual).

The number is data, never shell text: a command template is a list of arguments
whose placeholders are filled one argument at a time, and a URI carries only
the digits of a checked E.164 number and extension.
"""

from __future__ import annotations

import re
from string import Formatter
from typing import TYPE_CHECKING, Literal

from msgspec import Struct, field

if TYPE_CHECKING:
    from followup_tui.domain.models import PhoneNumber, Prospect

DialMode = Literal["clipboard", "tel", "command"]
MODES: tuple[DialMode, ...] = ("clipboard", "tel", "command")
SCHEMES = ("tel", "callto", "sip")
PLACEHOLDERS = ("e164", "national", "digits", "ext")
DEFAULT_TIMEOUT_S = 15.0
_E164 = re.compile(r"\+[1-9][0-9]{1,14}")


class DialError(ValueError):
    """A number or template the hand-off cannot use; the message is for the rep."""


class DialNumber(Struct, frozen=True):
    """One number of a prospect, as handed to the phone. `label` says which
    (direct, mobile, ...) once a prospect holds several."""

    e164: str
    ext: str | None = None
    raw: str = ""
    label: str = ""

    @property
    def digits(self) -> str:
        """The E.164 digits without the plus: 13125550142."""
        return self.e164.lstrip("+")

    @property
    def national(self) -> str:
        """The number as dialed inside its country, digits only: 3125550142,
        02079460958 (phonenumbers is loaded only when a hand-off asks)."""
        import phonenumbers

        try:
            number = phonenumbers.parse(self.e164, None)
        except phonenumbers.NumberParseException:
            return self.digits
        text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        return "".join(ch for ch in text if ch.isdigit())

    def fields(self) -> dict[str, str]:
        return {"e164": self.e164, "national": self.national, "digits": self.digits,
                "ext": self.ext or ""}  # fmt: skip


def number_to_dial(prospect: Prospect, number: PhoneNumber | None = None) -> DialNumber | None:
    """The number the dial went to (the session picked it: domain.numbers), else the
    prospect's main one, if it is one a phone can dial."""
    if number is not None and number.e164:
        return DialNumber(number.e164, number.ext or None, number.raw, number.label)
    if not prospect.phone_e164:
        return None
    return DialNumber(prospect.phone_e164, prospect.phone_ext or None, prospect.phone_raw)


class DialerSettings(Struct, frozen=True):
    """`[dialer]` in config.toml: how `d` hands the number to the phone."""

    mode: DialMode = "clipboard"
    scheme: str = "tel"
    command: tuple[str, ...] = field(default_factory=tuple)
    timeout_s: float = DEFAULT_TIMEOUT_S


def dial_uri(number: DialNumber, scheme: str = "tel") -> str:
    """An RFC 3966 URI: tel:+13125550142;ext=12 (callto: and sip: take the same form,
    which softphones that register them accept)."""
    if scheme not in SCHEMES:
        raise DialError(f"scheme {scheme!r} is not one of {', '.join(SCHEMES)}")
    if not _E164.fullmatch(number.e164):
        raise DialError(f"{number.e164!r} is not an international (E.164) number")
    if number.ext and not number.ext.isdigit():
        raise DialError(f"extension {number.ext!r} is not digits")
    uri = f"{scheme}:{number.e164}"
    return f"{uri};ext={number.ext}" if number.ext else uri


def template_problem(template: object) -> str | None:
    """What is wrong with a command template, in words; None when it can be used."""
    if not isinstance(template, (list, tuple)) or not template:
        return 'command is a list of arguments, e.g. ["linphonec", "-c", "call {e164}"]'
    for arg in template:
        if not isinstance(arg, str):
            return f"command arguments are text, got {arg!r}"
        try:
            parts = list(Formatter().parse(arg))
        except ValueError as err:
            return f"{arg!r}: {err} (write {{{{ and }}}} for literal braces)"
        for _, name, spec, conversion in parts:
            if name is None:
                continue
            if name not in PLACEHOLDERS or spec or conversion:
                shown = "{" + name + ("!" + conversion if conversion else "")
                shown += (":" + spec if spec else "") + "}"
                return (f"{arg!r}: unknown placeholder {shown}; "
                        f"use {', '.join('{' + p + '}' for p in PLACEHOLDERS)}")  # fmt: skip
    if not template[0].strip():
        return "command's first argument is the program to run"
    return None


def command_for(template: tuple[str, ...], number: DialNumber) -> list[str]:
    """The argument list for `number`: each argument filled on its own, so whatever a
    value holds stays inside that one argument. An argument that is only
    placeholders and comes out empty ({ext} with no extension) is left out."""
    values = number.fields()
    argv: list[str] = []
    for arg in template:
        pieces: list[str] = []
        only_fields = True
        for literal, name, _, _ in Formatter().parse(arg):
            pieces.append(literal)
            only_fields = only_fields and not literal
            if name is not None:
                pieces.append(values[name])
        text = "".join(pieces)
        if text or not only_fields:
            argv.append(text)
    return argv
