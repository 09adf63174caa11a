"""`E` refuses what it cannot save truthfully, on the line under the fields, as it
tells of a number that cannot be dialed: an email that is not an address, and the
label of a number to add that names no label. A word reps use for a label ('desk',
'cell') is saved as that label, and the line says which."""

from __future__ import annotations

from textual.widgets import Input, Static

from followup_tui.ui.screens.contact_edit import ContactEditScreen
from tests.ui.helpers import make_app, press, screen_text, select_caller, settle

SIZE = (80, 24)  # the smallest screen: the problem lines and the keys still show


def _preview(app) -> str:
    return app.screen.query_one(".preview", Static).render().plain


async def _retype(pilot, field: str, text: str) -> None:
    """`field` focused and given `text`, as typing it does (Input.Changed): the checks
    follow the field's value, and typing letter by letter cost seconds a test."""
    field_input = pilot.app.screen.query_one(f"#{field}", Input)
    field_input.focus()
    field_input.value = text
    await settle(pilot)


def _phones(db, prospect_id: int) -> list[tuple[str, str]]:
    rows = db.execute(
        "SELECT label, raw FROM phones WHERE prospect_id = ? ORDER BY id", [prospect_id]
    ).fetchall()
    return [tuple(row) for row in rows]


async def test_an_email_that_is_not_an_address_is_refused_until_fixed(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        caller = await select_caller(pilot)
        before = sample_db["prospects"].get(caller.id)["email"]
        await press(pilot, "E")
        await _retype(pilot, "email", "dana@@nettlecrest")
        problem = "✗ 'dana@@nettlecrest' is not an email address: one @ only"
        assert problem in _preview(app).splitlines(), _preview(app)
        assert problem in screen_text(app)  # at 80x24, with the keys under it
        assert "Enter or Ctrl+S saves" in screen_text(app)
        await press(pilot, "enter")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ContactEditScreen)  # refused: not saved
        assert sample_db["prospects"].get(caller.id)["email"] == before
        app.screen.query_one("#name", Input).focus()
        await press(pilot, "enter")  # Enter from another field: to the email
        assert app.screen.focused is app.screen.query_one("#email", Input)
        await _retype(pilot, "email", "dana@nettlecrest.com")
        assert "not an email address" not in _preview(app)
        assert len(_preview(app).splitlines()) == 1  # the phone line alone again
        await press(pilot, "enter")
        assert not isinstance(app.screen, ContactEditScreen)
        assert sample_db["prospects"].get(caller.id)["email"] == "dana@nettlecrest.com"


async def test_no_email_at_all_is_fine(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        caller = await select_caller(pilot)
        await press(pilot, "E")
        await _retype(pilot, "email", "")
        assert "✗" not in _preview(app)
        await press(pilot, "enter")
        assert not isinstance(app.screen, ContactEditScreen)
        assert sample_db["prospects"].get(caller.id)["email"] == ""


async def test_a_label_that_names_no_label_is_refused_not_made_another(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        caller = await select_caller(pilot)
        before = _phones(sample_db, caller.id)
        await press(pilot, "E")
        await _retype(pilot, "new_phone_label", "fax")
        assert "✗" not in _preview(app)  # no number to add: the label is not used
        await _retype(pilot, "new_phone_raw", "(312) 555-0177")
        problem = "✗ 'fax' is not a label: direct, mobile, office or other"
        assert problem in _preview(app).splitlines(), _preview(app)
        assert problem in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, ContactEditScreen)
        assert app.screen.focused is app.screen.query_one("#new_phone_label", Input)
        assert _phones(sample_db, caller.id) == before  # not added as 'other'
        await _retype(pilot, "new_phone_label", "office")
        assert "✗" not in _preview(app)
        await press(pilot, "enter")
        assert not isinstance(app.screen, ContactEditScreen)
        assert _phones(sample_db, caller.id) == [*before, ("office", "(312) 555-0177")]


async def test_a_word_for_a_label_says_which_label_it_is_saved_as(sample_db, frozen):
    """'desk' was saved as direct with nothing on the screen saying so."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        caller = await select_caller(pilot)
        before = _phones(sample_db, caller.id)
        await press(pilot, "E")
        await _retype(pilot, "new_phone_raw", "(312) 555-0177")
        assert _preview(app).endswith("· the number to add")  # 'mobile', as shown
        await _retype(pilot, "new_phone_label", "desk")
        assert _preview(app).endswith("· the number to add, saved as direct"), _preview(app)
        await _retype(pilot, "new_phone_label", "cell")
        assert _preview(app).endswith("· the number to add, saved as mobile"), _preview(app)
        assert "saved as mobile" in screen_text(app)
        await press(pilot, "enter")
        assert not isinstance(app.screen, ContactEditScreen)
        assert _phones(sample_db, caller.id) == [*before, ("mobile", "(312) 555-0177")]


async def test_with_two_problems_the_dialog_stays_above_the_status_line(sample_db, frozen):
    """A bad email and a bad label at once grew the dialog over the status line (the
    dial's timer and number) at 80x24."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "E")
        await settle(pilot)
        assert isinstance(app.screen, ContactEditScreen)
        await _retype(pilot, "email", "dana@@nettlecrest")
        await _retype(pilot, "new_phone_raw", "(312) 555-0188")
        await _retype(pilot, "new_phone_label", "fax")
        assert "not an email address" in _preview(app) and "is not a label" in _preview(app)
        assert app.screen.query_one(".dialog").region.bottom <= SIZE[1] - 2
