"""The `s` dialog as a rep meets it: a time they may not call is refused in words with
an allowed time offered, one key takes it; a date years away asks first."""

from __future__ import annotations

from followup_tui.domain.clock import from_iso, to_iso
from followup_tui.ui.screens.schedule import ScheduleScreen
from followup_tui.ui.screens.workspace import WorkspaceScreen
from followup_tui.ui.widgets.queue_list import QueueList
from tests.ui.helpers import dial, make_app, press, screen_text, settle

SIZE = (100, 30)


def _preview(app) -> str:
    return str(app.screen.query_one(".preview").render())


async def test_a_night_time_is_refused_and_ctrl_n_saves_the_allowed_time(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")  # the calls: the window binds a call, not an email step
        first = app.screen.query_one(QueueList).highlighted
        before = sample_db["prospects"].get(first.id)["next_touch_at"]
        await press(pilot, "s", *"tomorrow 3am")
        assert "03:00 is outside their calling hours" in _preview(app)
        assert "ctrl+n takes" in _preview(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, ScheduleScreen)  # Enter saved nothing, and said why
        assert "Enter cannot save 03:00" in _preview(app)
        assert sample_db["prospects"].get(first.id)["next_touch_at"] == before
        await press(pilot, "ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        zone = app.session.zone_for(first)
        saved = from_iso(sample_db["prospects"].get(first.id)["next_touch_at"]).in_tz(zone)
        tomorrow = frozen.now().in_tz(zone).add(days=1)
        opens = app.session.policy.rules.hours_for(first.phone_e164).span(tomorrow.weekday())
        assert opens is not None
        assert (saved.date(), saved.hour, saved.minute) == (
            tomorrow.date(), opens[0].hour, opens[0].minute)  # fmt: skip


async def test_ctrl_n_is_offered_only_with_a_time_to_take(sample_db, frozen):
    """The keys line said 'ctrl+n takes the allowed time' always; it did nothing
    unless a time typed was refused (then the reading offers it, with the time)."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4", "s", *"tomorrow 10am")
        assert "ctrl+n" not in screen_text(app)
        await press(pilot, "ctrl+u", *"tomorrow 3am")
        assert "ctrl+n takes" in _preview(app)


async def test_a_date_years_away_asks_before_it_is_saved(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.screen.query_one(QueueList).highlighted
        before = sample_db["prospects"].get(first.id)["next_touch_at"]
        await press(pilot, "s", *"2028-06-01 11:00")
        assert "2028" in _preview(app) and "more than a year away" in _preview(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, ScheduleScreen)
        assert "Press Enter again to confirm" in _preview(app)
        assert sample_db["prospects"].get(first.id)["next_touch_at"] == before
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        saved = from_iso(sample_db["prospects"].get(first.id)["next_touch_at"])
        assert saved.in_tz(app.session.zone_for(first)).format("YYYY-MM-DD HH:mm") == (
            "2028-06-01 11:00"
        )


async def test_an_impossible_date_is_an_inline_error(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.screen.query_one(QueueList).highlighted
        await press(pilot, "s", *"9999-12-31 23:59", "enter")
        assert isinstance(app.screen, ScheduleScreen)
        assert "years away" in _preview(app)
        await press(pilot, "escape")
        assert sample_db["prospects"].get(first.id)["next_touch_at"] == to_iso(first.next_touch_at)


async def test_the_callback_field_offers_the_allowed_time_too(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.screen.query_one(QueueList).highlighted
        await dial(pilot)
        await press(pilot, "c")
        app.screen.query_one("#callback").value = True
        await settle(pilot)
        app.screen.query_one("#when").value = "at 0"
        await settle(pilot)
        assert "00:00 is outside their calling hours" in _preview(app)
        await press(pilot, "enter")
        assert "Enter cannot save 00:00" in _preview(app)
        assert app.session.running is not None  # nothing logged
        await press(pilot, "ctrl+n")
        assert "✓" in _preview(app)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        row = sample_db["prospects"].get(first.id)
        saved = from_iso(row["next_touch_at"]).in_tz(app.session.zone_for(first))
        assert row["next_touch_is_callback"] == 1 and saved.hour >= 8


async def test_enter_on_an_empty_time_says_to_type_one(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "s", "enter")
        assert isinstance(app.screen, ScheduleScreen)
        assert "Type when first" in _preview(app)


async def test_the_examples_in_the_empty_field_fit_it_whole_at_any_width(sample_db, frozen):
    """At 80 columns the dialog is as narrow as the queue: shorter examples, never
    'mon 2p' cut off at the edge."""
    from followup_tui.ui.screens.schedule import WHEN_PLACEHOLDERS

    for size, shown in (((80, 24), "tmrw 10am · +3d · mon 2pm"), ((200, 50), None)):
        app = make_app(sample_db)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await press(pilot, "s")
            field = app.screen.query_one("#when")
            room = field.scrollable_content_region.width
            assert field.placeholder in WHEN_PLACEHOLDERS
            assert 0 < len(field.placeholder) <= room
            assert field.placeholder == (shown or WHEN_PLACEHOLDERS[0])
            assert field.placeholder in screen_text(app)


def test_the_longest_examples_that_fit_are_chosen():
    from followup_tui.ui.screens.schedule import placeholder_for

    assert placeholder_for(200) == "tomorrow 10am · +3d · mon 2pm · next week"
    assert placeholder_for(28) == "tmrw 10am · +3d · mon 2pm"
    assert placeholder_for(16) == "tmrw 10am · +3d"
    assert placeholder_for(2) == ""
