"""The hand-off to the phone program: no shell, ever; failures come back as words."""

from __future__ import annotations

import sys

import pytest

from followup_tui.dialer import hand_off
from followup_tui.domain.dialing import DialerSettings, DialNumber
from tests.dialer_scripts import recorder, runs

NUMBER = DialNumber("+13125550142")
HOSTILE = [
    "+1 312 555 0142",
    "'; rm -rf ~; echo '",
    "\"quoted\" and 'single'",
    "$(touch PWNED)",
    "`touch PWNED`",
    "a;b && c | d > e",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_number_reaches_the_command_as_one_argument(tmp_path, monkeypatch, value):
    monkeypatch.chdir(tmp_path)
    script, log = recorder(tmp_path / "bin", "phone")
    settings = DialerSettings("command", command=(str(script), "--call", "{e164}", "x{ext}"))
    assert hand_off(DialNumber(value, value), settings) is None
    assert runs(log) == [["--call", value, f"x{value}"]]
    assert not (tmp_path / "PWNED").exists()


def test_tel_hands_the_uri_with_its_extension_to_the_system_opener(tmp_path, monkeypatch):
    if sys.platform in ("darwin", "win32"):
        pytest.skip("the opener on PATH is xdg-open on Linux")
    _, log = recorder(tmp_path / "bin", "xdg-open")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert hand_off(DialNumber("+13125550142", "12"), DialerSettings("tel")) is None
    assert runs(log) == [["tel:+13125550142;ext=12"]]
    assert hand_off(DialNumber("+442079460958"), DialerSettings("tel", scheme="sip")) is None
    assert runs(log)[-1] == ["sip:+442079460958"]


def test_no_opener_is_said_in_words(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    problem = hand_off(DialNumber("+13125550142"), DialerSettings("tel"))
    assert problem is not None and "not found" in problem


def test_a_failing_command_says_how_it_failed(tmp_path):
    script, _ = recorder(tmp_path / "bin", "phone", status=3)
    problem = hand_off(NUMBER, DialerSettings("command", command=(str(script),)))
    assert problem is not None and "exit status 3" in problem


def test_a_missing_command_is_said_in_words(tmp_path):
    missing = str(tmp_path / "no-such-phone")
    problem = hand_off(DialNumber("+13125550142"), DialerSettings("command", command=(missing,)))
    assert problem is not None and "not found" in problem


def test_a_command_that_hangs_is_stopped_and_said(tmp_path):
    script = tmp_path / "hang"
    script.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(60)\n")
    script.chmod(0o755)
    settings = DialerSettings("command", command=(str(script),), timeout_s=0.5)
    problem = hand_off(DialNumber("+13125550142"), settings)
    assert problem is not None and "did not finish" in problem


def test_what_a_failing_program_prints_is_shown_without_terminal_controls(tmp_path):
    script = tmp_path / "loud"
    says = "sys.stderr.write('no line\\x1b[2J\\x07 available\\n')"
    script.write_text(f"#!{sys.executable}\nimport sys\n{says}\nsys.exit(1)\n")
    script.chmod(0o755)
    problem = hand_off(NUMBER, DialerSettings("command", command=(str(script),)))
    assert problem is not None and "no line[2J available" in problem
    assert "\x1b" not in problem and "\x07" not in problem
