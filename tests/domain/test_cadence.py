import pytest

from followup_tui.domain.cadence import (
    MIN_TOUCHES,
    PERSISTENT,
    Cadence,
    CadenceError,
    Step,
    load_cadences,
)


def test_the_default_cadence_is_about_twelve_touches_over_six_weeks_mixing_channels():
    steps = PERSISTENT.steps
    assert len(steps) == 12
    business_days = sum(step.wait_days for step in steps)
    assert 25 <= business_days <= 32  # about six weeks of working days
    channels = {step.channel for step in steps}
    assert {"call", "call_vm", "email"} <= channels
    assert sum(step.is_call for step in steps) >= 7


def test_a_short_cadence_keeps_calling_until_seven_touches():
    short = Cadence("short", (Step("call", 0), Step("email", 2)))
    extra = [short.step(i) for i in range(2, MIN_TOUCHES)]
    assert all(step is not None and step.is_call for step in extra)
    assert short.step(MIN_TOUCHES) is None
    assert short.length == MIN_TOUCHES


def test_rep_cadences_from_toml(tmp_path):
    path = tmp_path / "cadences.toml"
    path.write_text(
        "[cadence.enterprise]\n"
        'steps = [\n  { channel = "call" },\n  { channel = "email", wait_days = 3 },\n'
        '  { channel = "letter", wait_days = 5, note = "hand-written" },\n]\n'
    )
    cadences = load_cadences(path)
    assert set(cadences) == {"persistent", "enterprise"}
    assert cadences["enterprise"].steps[2] == Step("letter", 5, "hand-written")


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("[cadence.x]\nsteps = []\n", "non-empty"),
        ('[cadence.x]\nsteps = [{ channel = "fax" }]\n', "channel must be"),
        ('[cadence.x]\nsteps = [{ channel = "call" }, { channel = "email" }]\n', "wait_days"),
        ('[cadence.x]\nsteps = [{ channel = "call", wait_days = -1 }]\n', "wait_days"),
        ("[cadence.x\n", "cannot read"),
    ],
)
def test_broken_cadence_files_say_where(tmp_path, body, problem):
    path = tmp_path / "cadences.toml"
    path.write_text(body)
    with pytest.raises(CadenceError, match=problem):
        load_cadences(path)
