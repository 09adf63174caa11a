"""`E` says what the number will be once saved: a number marked wrong is shown
struck through as wrong, as the header shows it, never with a check mark."""

from __future__ import annotations

from textual.widgets import Input, Static

from followup_tui.domain.models import PhoneNumber, Prospect
from followup_tui.ui.screens.contact_edit import ContactEditScreen
from tests.ui.helpers import dial, make_app, press, select_caller, settle

SIZE = (120, 36)


def _preview(app) -> str:
    return app.screen.query_one(".preview", Static).render().plain


async def _type(pilot, field: str, text: str) -> None:
    pilot.app.screen.query_one(f"#{field}", Input).value = text
    await settle(pilot)


async def test_a_number_just_marked_wrong_shows_as_wrong_in_the_editor(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        caller = await select_caller(pilot)
        await dial(pilot)
        await press(pilot, "w")  # wrong number, during the dial
        assert sample_db["prospects"].get(caller.id)["phone_bad"] == 1
        await press(pilot, "slash", *caller.name, "enter", "E")
        assert isinstance(app.screen, ContactEditScreen)
        shown = _preview(app)
        assert "✓" not in shown and "✗" in shown and "wrong number" in shown, shown
        assert caller.phone_raw[-4:] in shown  # which number: the one marked
        await _type(pilot, "new_phone_raw", caller.phone_raw)
        assert "marked wrong: not added" in _preview(app)
        await _type(pilot, "new_phone_raw", "")
        assert "wrong number" in _preview(app)  # none added: the main number again
        await _type(pilot, "phone_raw", "(312) 555-0177")
        assert "✓" in _preview(app) and "wrong" not in _preview(app)


async def test_of_several_numbers_only_the_one_marked_wrong_shows_as_wrong(sample_db, frozen):
    """Their main number is the good one (a wrong one is never main while another is
    good): a check mark; the wrong one, typed as a number to add, is not added."""
    numbers = (
        PhoneNumber("direct", "(415) 555-0101", "+14155550101", bad=True, id=1),
        PhoneNumber("mobile", "(415) 555-0102", "+14155550102", id=2, main=True),
    )
    prospect = Prospect(1, "Ada Park", phone_raw="(415) 555-0102",
                        phone_e164="+14155550102", numbers=numbers)  # fmt: skip
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ContactEditScreen(prospect, "US"))
        await settle(pilot)
        assert _preview(app).startswith("✓ (415) 555-0102")
        assert _preview(app).endswith("the main number")  # not the empty field above
        await _type(pilot, "new_phone_raw", "415.555.0101")
        assert "✓" not in _preview(app) and "marked wrong: not added" in _preview(app)
        await _type(pilot, "new_phone_raw", "415 555 0103")
        assert _preview(app).startswith("✓ (415) 555-0103")
        assert _preview(app).endswith("the number to add")
        await _type(pilot, "new_phone_raw", "")
        assert _preview(app) == "✓ (415) 555-0102 · the main number"


async def test_a_new_number_refused_by_a_busy_database_comes_back_not_marked_wrong(
    sample_db, frozen
):
    """The editor comes back as typed when the save is refused: the number typed in
    place of the wrong one is new, not the one marked wrong."""
    import sqlite3

    from followup_tui.store.db import database_file
    from followup_tui.store.engine import Store

    path = database_file(sample_db)
    app = make_app(Store(path, busy_timeout_ms=50))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        caller = await select_caller(pilot)
        await dial(pilot)
        await press(pilot, "w")
        await press(pilot, "slash", *caller.name, "enter", "E")
        await _type(pilot, "phone_raw", "(312) 555-0177")
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        try:
            await press(pilot, "ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, ContactEditScreen)  # back, to save again
            assert app.screen.query_one("#phone_raw", Input).value == "(312) 555-0177"
            assert "✓" in _preview(app) and "wrong" not in _preview(app)
        finally:
            other.execute("ROLLBACK")
            other.close()


async def test_a_british_number_without_its_country_code_is_dialable(sample_db, frozen):
    """The CRM held a Manchester number as '0161 496 0250': read in the rep's US it
    is no valid number, and the editor said '✗ not dialable' of a number that works."""
    prospect = Prospect(1, "Maya Hughes", phone_raw="0161 496 0250",
                        phone_e164="+441614960250")  # fmt: skip
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ContactEditScreen(prospect, "US"))
        await settle(pilot)
        assert _preview(app) == "✓ +44 161 496 0250 · the main number"
        await _type(pilot, "new_phone_raw", "07911 123456")
        assert _preview(app).startswith("✓ +44 7911 123456")


async def test_back_from_an_undialable_number_the_rep_is_on_the_phone_with_all_they_typed(
    sample_db, frozen
):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        caller = await select_caller(pilot)
        await press(pilot, "E")
        await _type(pilot, "phone_raw", "555-01")  # a typo: too short to dial
        await _type(pilot, "new_phone_raw", "(312) 555-0177")
        await _type(pilot, "new_phone_label", "direct")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert "cannot be dialed" in str(app.screen.question)
        await press(pilot, "n")  # back to the details
        await settle(pilot)
        assert isinstance(app.screen, ContactEditScreen)
        assert app.screen.focused is app.screen.query_one("#phone_raw", Input)
        typed = {f: app.screen.query_one(f"#{f}", Input).value
                 for f in ("phone_raw", "new_phone_raw", "new_phone_label")}  # fmt: skip
        assert typed == {"phone_raw": "555-01", "new_phone_raw": "(312) 555-0177",
                         "new_phone_label": "direct"}  # fmt: skip
        assert sample_db["prospects"].get(caller.id)["phone_raw"] == caller.phone_raw


async def test_a_number_added_shows_at_once_in_the_header_and_n(sample_db, frozen):
    """Saved with `E`, a second number was in the database, but the header did not
    count it and `N` said there was no other number, until the cursor moved."""
    from followup_tui.domain.holds import HoldKind
    from followup_tui.ui.screens.choice import ChoiceScreen
    from followup_tui.ui.widgets.prospect_header import ProspectHeader

    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        held = next(  # held for their hours: a number that rings in New York frees them
            e.prospect
            for e in app.session.queue.held
            if e.hold is not None
            and e.hold.kind == HoldKind.HOURS
            and len(e.prospect.numbers) < 2
            and "America/New_York" not in e.prospect.phone_zones
        )
        app.screen.open_prospect(held.id)
        await settle(pilot)
        await press(pilot, "E")
        await _type(pilot, "new_phone_raw", "(917) 555-0199")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        header = app.screen.query_one(ProspectHeader).render().plain
        assert "+1 more" in header or "555-0199" in header, header
        assert "outside calling hours" not in header, header
        await press(pilot, "N")
        assert isinstance(app.screen, ChoiceScreen)
        assert any("555-0199" in words for _, words in app.screen.choices)
