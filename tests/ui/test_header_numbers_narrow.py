"""The header's phone line in any width: the day, time and zone stay whole, and what
gives way goes whole, the least needed first ('their time', the zone's city, the
number's label, the count's key, the other zones), never cut inside a word."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from followup_tui.domain.local_time import their_time
from followup_tui.domain.models import PhoneNumber, Prospect, ProspectFile
from followup_tui.ui.widgets.prospect_header import ProspectHeader
from tests.conftest import NOW, REP_ZONE
from tests.ui.helpers import make_app, screen_text, settle

SMALL, WIDE = (80, 24), (200, 50)
PADDING = 2  # the header's cells left and right of its text
DIRECT = PhoneNumber("direct", "(212) 555-0121", "+12125550121", main=True)
MOBILE = PhoneNumber("mobile", "(917) 555-0199", "+19175550199")
OFFICE = PhoneNumber("office", "(646) 555-0150", "+16465550150")
SYDNEY = PhoneNumber("other", "+61 2 5550 1234 x 4321", "+61255501234", ext="4321", main=True)


def _prospect(main: PhoneNumber, zones: tuple[str, ...], timezone: str | None = None) -> Prospect:
    return Prospect(id=1, name="Darnell Rahman", title="CFO", company="Driftmark Metalworks",
                    phone_raw=main.raw, phone_e164=main.e164, phone_ext=main.ext,
                    phone_zones=zones, timezone=timezone)  # fmt: skip


CASES = {
    "direct and a mobile": (_prospect(DIRECT, ("America/New_York",)), (DIRECT, MOBILE)),
    "three numbers": (_prospect(DIRECT, ("America/New_York",)), (DIRECT, MOBILE, OFFICE)),
    "several zones": (
        _prospect(DIRECT, ("America/New_York", "America/Chicago", "America/Denver")),
        (DIRECT, MOBILE),
    ),
    "a long number": (_prospect(SYDNEY, ("Australia/Sydney",)), (SYDNEY, MOBILE, OFFICE)),
    "one number, other zones": (
        _prospect(SYDNEY, ("Australia/Sydney", "Australia/Perth")),
        (),
    ),
}


class HeaderApp(App[None]):
    def __init__(self, prospect: Prospect, numbers: tuple[PhoneNumber, ...]) -> None:
        super().__init__()
        self.prospect, self.numbers = prospect, numbers

    def compose(self) -> ComposeResult:
        yield ProspectHeader(REP_ZONE)

    def on_mount(self) -> None:
        header = self.query_one(ProspectHeader)
        header.show(ProspectFile(self.prospect), NOW, "1 touch", True, self.numbers)


def _words(text: str) -> set[str]:
    return set(text.replace("(", " ").replace(")", " ").replace(",", " ").split())


def _phone_line(app: App[None]) -> str:
    """The header's second line as the terminal shows it."""
    box = app.screen.query_one(ProspectHeader).region
    return screen_text(app).splitlines()[box.y + 1][box.x + 1 : box.right - 1].rstrip()


@pytest.mark.parametrize("case", CASES)
async def test_the_time_and_zone_stay_whole_and_nothing_is_cut_inside_a_word(case):
    prospect, numbers = CASES[case]
    at = their_time(prospect, NOW).format("ddd HH:mm zz")  # e.g. 'Mon 09:30 EST'
    app = HeaderApp(prospect, numbers)
    async with app.run_test(size=(200, 3)) as pilot:
        await settle(pilot)
        everything = _phone_line(app)
        assert f"their time {at}" in everything and "…" not in everything, everything
        # At 200 columns the other numbers are listed; narrower, they are counted.
        known = _words(everything) | {f"+{len(numbers) - 1}", "more", "N"}
        for width in range(80, 39, -1):
            await pilot.resize_terminal(width, 3)
            await settle(pilot)
            shown = _phone_line(app)
            assert f" {at}" in shown, (width, shown)  # whole, and never cut after
            assert shown.startswith("☎ ") and shown.count(at) == 1, (width, shown)
            rendered = app.query_one(ProspectHeader).render().plain.split("\n")[1]
            assert len(rendered) <= width - PADDING, (width, rendered)  # never cut by CSS
            # Each word whole, none new; only the number may end in an ellipsis, after
            # a whole group, once all else gave way ('+61 2 5550 1234…').
            assert {word.removesuffix("…") for word in _words(shown)} <= known, (width, shown)
            label = f"☎ {numbers[0].label} " if len(numbers) > 1 else "☎ "
            zones = "zone" in everything
            if "…" in shown:  # the last to give way: nothing less needed is left
                assert shown.startswith("☎ " + prospect.phone_raw[:3]), (width, shown)
                assert shown.index("…") < shown.index(at), (width, shown)
                assert "their time" not in shown and "zone" not in shown, (width, shown)
            # 'their time', the least needed, shows only with all else ('their time'
            # gave way before the label, the count's key and the other zones).
            if "their time" in shown:
                assert shown.startswith(label) and (zones == ("zone" in shown)), (width, shown)
                assert len(numbers) < 2 or "more (N)" in shown, (width, shown)
            if prospect.phone_e164 == DIRECT.e164 and len(numbers) > 1 and width > 40:
                assert "more" in shown, (width, shown)  # room for it beside the number


async def test_in_the_narrowest_header_the_number_gives_way_after_a_whole_group():
    """Below about 40 columns even a long number without its label and count does not
    fit beside the time: it is cut after a whole group, the time still whole."""
    prospect, numbers = CASES["a long number"]
    app = HeaderApp(prospect, numbers)
    async with app.run_test(size=(36, 3)) as pilot:
        await settle(pilot)
        shown = _phone_line(app)
        assert shown == "☎ +61 2 5550 1234…  Tue 01:30 AEDT", shown


async def test_an_unknown_zone_says_so_in_words_that_fit():
    """'their time unknown: Z sets the zone' beside a long number was cut as
    'their time unkn…': it takes shorter words, and keeps its key."""
    prospect = _prospect(SYDNEY, ())
    app = HeaderApp(prospect, (SYDNEY, MOBILE))
    async with app.run_test(size=(200, 3)) as pilot:
        await settle(pilot)
        assert "  their time unknown: Z sets the zone  · mobile" in _phone_line(app)
        for width in range(80, 39, -1):
            await pilot.resize_terminal(width, 3)
            await settle(pilot)
            shown = _phone_line(app)
            assert shown.endswith(("unknown: Z sets the zone", "unknown (Z)")), (width, shown)
            if "…" in shown:  # only a number cut after a whole group, the last to go
                assert shown.startswith("☎ +61 2 5550 1234…  "), (width, shown)


async def _add_mobile_to_the_direct_line(sample_db, frozen) -> int:
    from followup_tui.domain.clock import to_iso
    from followup_tui.store import phones
    from followup_tui.store.db import write_transaction

    (pid,) = sample_db.execute(
        "SELECT id FROM prospects WHERE phone_e164 = '+12125550121'"
    ).fetchone()
    mobile = PhoneNumber("mobile", "(917) 555-0199", "+19175550199")
    with write_transaction(sample_db):
        phones.add_number(sample_db, pid, mobile, to_iso(frozen.now()))
    return pid


async def test_at_80x24_a_second_number_leaves_their_time_and_zone_whole(sample_db, frozen):
    """The tester's case: with a mobile added to '(212) 555-0121', the line read
    '☎ direct (212) 555-0121 +1 more (N)  Mon 09:0…'. The label gives way first."""
    pid = await _add_mobile_to_the_direct_line(sample_db, frozen)
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.screen.open_prospect(pid)
        await settle(pilot)
        header = app.screen.query_one(ProspectHeader)
        at = their_time(header.file.prospect, frozen.now()).format("ddd HH:mm zz")
        assert _phone_line(app) == f"☎ (212) 555-0121 +1 more (N)  {at}"
    async with make_app(sample_db).run_test(size=WIDE) as pilot:
        await settle(pilot)
        pilot.app.screen.open_prospect(pid)
        await settle(pilot)
        shown = _phone_line(pilot.app)
        assert shown.startswith("☎ direct (212) 555-0121 +1 more (N)  their time ")
        assert f"their time {at} (" in shown, shown  # and the city, on a wide screen


async def test_an_unusable_number_keeps_what_was_typed_and_leaves_out_why_first():
    """'ask reception (not a phone number)' beside the unknown zone's warning was cut
    by the header's edge; line 3 says why the prospect is held, so the problem's
    words give way before the text typed and the warning's key."""
    prospect = Prospect(id=1, name="Kenji García", phone_raw="ask reception",
                        phone_problem="not a phone number")  # fmt: skip
    app = HeaderApp(prospect, ())
    async with app.run_test(size=(120, 3)) as pilot:
        await settle(pilot)
        wide = "☎ ask reception (not a phone number)  their time unknown: Z sets the zone"
        assert _phone_line(app) == wide
        await pilot.resize_terminal(48, 3)  # the header's width at 80x24
        await settle(pilot)
        assert _phone_line(app) == "☎ ask reception  their time unknown (Z)"
