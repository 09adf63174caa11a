"""[dialer] auto_advance and wrap_up_seconds in config.toml."""

from __future__ import annotations

import pytest

from followup_tui.config import ConfigError, PowerDial, load_settings


def test_power_dial_settings_are_read_and_checked(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[dialer]\nauto_advance = true\nwrap_up_seconds = 8\n")
    assert load_settings(path).power_dial == PowerDial(True, 8)
    path.write_text("")
    assert load_settings(path).power_dial == PowerDial(False, 5)
    for bad in ("auto_advance = 1", "wrap_up_seconds = 0", 'wrap_up_seconds = "5"'):
        path.write_text(f"[dialer]\n{bad}\n")
        with pytest.raises(ConfigError, match=r"\[dialer\]"):
            load_settings(path)
