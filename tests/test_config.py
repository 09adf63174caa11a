"""config.toml: typos are said with their line and read past; [dialer] is checked;
the theme chosen in the app is written back without touching the rest."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from followup_tui.cli import main
from followup_tui.config import ConfigError, load_settings, remember_theme, setting_line
from followup_tui.domain.dialing import DialerSettings

CONFIG = """\
# my settings
region = "US"
thme = "followup-light"

[keys]
no_answer = "f2"

[dialer]
mode = "command"
command = ["linphonec", "-c", "call {e164}"]
timout = 30
"""


def test_unknown_settings_are_said_with_file_and_line_and_read_past(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(CONFIG)
    settings = load_settings(path)
    assert settings.problems == (
        f"{path}:3: unknown setting 'thme' (did you mean 'theme'?); ignored",
        f"{path}:11: unknown [dialer] setting 'timout' (did you mean 'timeout'?); ignored",
    )
    assert settings.theme == "followup-dark"  # the default, as if the line were not there
    assert settings.dialer == DialerSettings("command", command=("linphonec", "-c", "call {e164}"))
    assert settings.keys == {"no_answer": "f2"}


def test_the_command_line_warns_on_stderr_and_still_runs(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(CONFIG)
    result = CliRunner().invoke(main, ["--demo", "queue"], env={"FOLLOWUP_CONFIG": str(path)})
    assert result.exit_code == 0, result.output
    assert f"Warning: {path}:3: unknown setting 'thme'" in result.stderr
    assert "thme" not in result.stdout


@pytest.mark.parametrize(
    ("dialer", "words"),
    [
        ('mode = "fax"', ":2: [dialer] mode = 'fax': use one of clipboard, tel, command"),
        ('mode = "command"', 'needs command = ["program", "{e164}"]'),
        ('command = ["dial", "{phone}"]', "unknown placeholder {phone}"),
        ('scheme = "https"', "use one of tel, callto, sip"),
        ("timeout = 0", "timeout is the seconds"),
    ],
)
def test_a_bad_dialer_setting_is_a_clear_message(tmp_path, dialer, words):
    path = tmp_path / "config.toml"
    path.write_text(f"[dialer]\n{dialer}\n")
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert words in str(raised.value)
    assert str(path) in str(raised.value)


def test_a_bad_value_names_its_line(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('# hi\n\nregion = "USA"\n')
    with pytest.raises(ConfigError, match=f"{path}:3: 'region'"):
        load_settings(path)


def test_setting_line_reads_tables_and_quoted_keys():
    text = 'a = 1\n[keys]\n"no_answer" = "f2"\n[dialer]\n  mode="tel"\n'
    assert setting_line(text, "", "a") == 1
    assert setting_line(text, "keys", "no_answer") == 3
    assert setting_line(text, "dialer", "mode") == 5
    assert setting_line(text, "", "mode") is None


def test_remembering_the_theme_changes_only_its_line(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('# mine\ntheme = "followup-dark"   # chosen by hand\n[keys]\nquit = "Q"\n')
    remember_theme(path, "followup-contrast")
    assert path.read_text() == (
        '# mine\ntheme = "followup-contrast"   # chosen by hand\n[keys]\nquit = "Q"\n'
    )


def test_remembering_the_theme_adds_it_above_the_tables(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('region = "GB"\n\n# my keys\n[keys]\nquit = "Q"')
    remember_theme(path, "followup-light")
    assert path.read_text() == (
        'region = "GB"\n\ntheme = "followup-light"\n# my keys\n[keys]\nquit = "Q"'
    )
    assert load_settings(path).theme == "followup-light"
    new = tmp_path / "new" / "config.toml"
    remember_theme(new, "followup-light")
    assert new.read_text() == 'theme = "followup-light"\n'


def test_remembering_never_writes_over_a_broken_file(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("region = [oops\n")
    with pytest.raises(ConfigError):
        remember_theme(path, "followup-light")
    assert path.read_text() == "region = [oops\n"


def test_locate_says_where_everything_lives_and_what_exists(tmp_path):
    config = tmp_path / "conf" / "config.toml"
    config.parent.mkdir()
    config.write_text('region = "US"\n')
    (config.parent / "cadences.toml").write_text("")
    db = tmp_path / "rep.db"
    result = CliRunner().invoke(main, ["--db", str(db), "locate"],
                                env={"FOLLOWUP_CONFIG": str(config)})  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = {ln.split()[0]: ln for ln in result.output.splitlines()}
    assert f"{config}  (exists)" in lines["config"]
    assert f"{config.parent / 'cadences.toml'}  (exists)" in lines["cadences"]
    assert str(config.parent / "calling_rules.toml") in lines["calling"]
    assert "not there" in lines["calling"] and "not there" in lines["themes"]
    assert str(config.parent / "templates") in lines["templates"]
    assert f"{db}  (not there yet" in lines["database"]
    assert not db.exists()  # locate only looks


def test_locate_still_points_at_a_broken_config(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("region = [oops\n")
    result = CliRunner().invoke(main, ["locate"], env={"FOLLOWUP_CONFIG": str(config)})
    assert result.exit_code == 0, result.output
    assert "broken" in result.output and str(config) in result.output
