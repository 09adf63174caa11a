"""`followup stats`, run as a script would run it, checked against SQL written by hand."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from followup_tui.cli import main
from followup_tui.stats_command import TEAM_LEGEND, stats_command
from followup_tui.store.db import open_db
from tests.conftest import sample_file

NOW_TEXT = "2026-11-23T09:30:00-05:00"  # Monday; the rep is in New York (conftest)
CONVERSATIONS = "('connected', 'meeting', 'not_interested', 'do_not_call')"
# Every call touch with its place among the prospect's calls, over the whole history.
CALLS = (
    "SELECT *, row_number() OVER (PARTITION BY prospect_id ORDER BY started_at, id) AS attempt"
    " FROM touches WHERE channel = 'call'"
)


@pytest.fixture
def followup():
    """The `followup` group with `stats` on it (cli.py registers it; until then, this does)."""
    added = "stats" not in main.commands
    if added:
        main.add_command(stats_command)
    yield main
    if added:
        del main.commands["stats"]


@pytest.fixture
def sample_path(tmp_path):
    return sample_file(tmp_path / "rep.db", NOW_TEXT)


def run(group, *args):
    return CliRunner().invoke(group, list(args), env={"FOLLOWUP_NOW": NOW_TEXT})


def by_hand(path, since_utc: str):
    """The headline numbers from `touches` with plain SQL, from `since_utc` on."""
    db = open_db(path)
    try:
        row = db.execute(
            f"SELECT sum(outcome IS NOT NULL),"
            f" sum(outcome IN {CONVERSATIONS}),"
            f" sum(outcome IN {CONVERSATIONS} AND attempt >= 3)"
            f" FROM ({CALLS}) WHERE started_at >= ?",
            [since_utc],
        ).fetchone()
        meetings, talk = db.execute(
            f"SELECT sum(outcome = 'meeting'),"
            f" sum(CASE WHEN outcome IN {CONVERSATIONS} THEN coalesce(duration_s, 0) END)"
            " FROM touches WHERE started_at >= ?",
            [since_utc],
        ).fetchone()
        attempts = dict(
            db.execute(
                f"SELECT CASE WHEN attempt > 10 THEN '11+' ELSE CAST(attempt AS TEXT) END,"
                f" count(*) FROM ({CALLS}) WHERE outcome IS NOT NULL AND started_at >= ?"
                " GROUP BY 1",
                [since_utc],
            ).fetchall()
        )
        gave_up = [
            r[0]
            for r in db.execute(
                "SELECT p.id FROM prospects p"
                " WHERE (p.status IN ('not_now', 'not_interested')"
                "        OR (p.status = 'active' AND p.next_touch_at IS NULL))"
                "   AND (SELECT count(*) FROM touches t"
                "        WHERE t.prospect_id = p.id AND t.outcome IS NOT NULL) < 7"
                "   AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.prospect_id = p.id"
                f"        AND t.decision_maker = 1 AND t.outcome IN {CONVERSATIONS})"
            ).fetchall()
        ]
    finally:
        db.close()
    dials, connects, late = row
    return {
        "dials": dials or 0,
        "connects": connects or 0,
        "late": late or 0,
        "meetings": meetings or 0,
        "talk": talk or 0,
        "attempts": attempts,
        "gave_up": gave_up,
    }


def test_json_on_the_sample_matches_sql_written_by_hand(followup, sample_path):
    result = run(followup, "--db", str(sample_path), "stats", "--format", "json")
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    expected = by_hand(sample_path, "0000")
    assert expected["dials"] > 100 and expected["late"] > 0  # the sample has a history
    totals = stats["totals"]
    assert totals["dials"] == expected["dials"]
    assert totals["connects"] == expected["connects"]
    assert totals["meetings"] == expected["meetings"]
    assert totals["talk_time_s"] == expected["talk"]
    assert totals["connect_rate"] == pytest.approx(expected["connects"] / expected["dials"], 1e-3)
    curve = stats["persistence"]
    assert curve["late_connects"] == expected["late"]
    assert curve["late_share"] == pytest.approx(expected["late"] / expected["connects"], 1e-3)
    assert {b["label"]: b["dials"] for b in curve["attempts"] if b["dials"]} == expected["attempts"]
    assert sorted(g["prospect_id"] for g in stats["give_up"]["gave_up"]) == sorted(
        expected["gave_up"]
    )
    assert stats["since"] is None
    assert stats["generated_at"] == "2026-11-23T14:30:00Z"
    assert stats["last_day"] == "2026-11-23"
    assert sum(day["dials"] for day in stats["days"]) == expected["dials"]


def test_json_since_a_day_matches_sql_written_by_hand(followup, sample_path):
    result = run(followup, "--db", str(sample_path), "stats", "--since", "2026-11-16", "--format",
                 "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    # Monday 16 Nov starts at 05:00Z in New York (EST); attempts still count from the start.
    expected = by_hand(sample_path, "2026-11-16T05:00:00Z")
    everything = by_hand(sample_path, "0000")
    assert 0 < expected["dials"] < everything["dials"]
    assert (stats["totals"]["dials"], stats["totals"]["connects"]) == (
        expected["dials"],
        expected["connects"],
    )
    assert stats["totals"]["meetings"] == expected["meetings"]
    assert stats["totals"]["talk_time_s"] == expected["talk"]
    assert stats["persistence"]["late_connects"] == expected["late"]
    assert {b["label"]: b["dials"] for b in stats["persistence"]["attempts"] if b["dials"]} == (
        expected["attempts"]
    )
    assert stats["since"] == "2026-11-16"
    assert [d["start"] for d in stats["days"]] == [f"2026-11-{d}" for d in range(16, 24)]
    db = open_db(sample_path)
    per_day = dict(  # every day from 16 Nov is in EST, five hours behind UTC
        db.execute(
            "SELECT date(started_at, '-5 hours'), count(*) FROM touches"
            " WHERE channel = 'call' AND outcome IS NOT NULL AND started_at >= ? GROUP BY 1",
            ["2026-11-16T05:00:00Z"],
        ).fetchall()
    )
    db.close()
    assert {d["start"]: d["dials"] for d in stats["days"] if d["dials"]} == per_day
    assert [w["start"] for w in stats["weeks"]] == ["2026-11-16", "2026-11-23"]


def test_text_prints_aligned_sections_and_names_literally(followup, sample_path):
    listed = by_hand(sample_path, "0000")["gave_up"][0]
    db = open_db(sample_path)
    db.execute("UPDATE prospects SET name = ? WHERE id = ?", ["[@click=app.quit]Lee [CEO]", listed])
    db.conn.commit()
    db.close()
    result = run(followup, "--db", str(sample_path), "stats")
    assert result.exit_code == 0, result.output
    out = result.output
    for heading in ("TOTALS", "PER WEEK", "PER DAY", "CONNECT RATE BY ATTEMPT", "GAVE UP TOO EARLY",
                    "BEST HOURS", "BEST WEEKDAYS", "WARM VERSUS COLD"):  # fmt: skip
        assert f"\n{heading}" in out
    assert "[@click=app.quit]Lee [CEO]" in out
    lines = out.splitlines()
    header = lines.index("TOTALS") + 1
    assert lines[header].split() == ["DIALS", "CONNECTS", "RATE", "CONVERSATIONS", "WITH", "DM",
                                     "MEETINGS", "TALK", "TIME"]  # fmt: skip
    dials = by_hand(sample_path, "0000")["dials"]
    assert lines[header + 1].split()[0] == str(dials)
    # The attempt table is aligned: every row as wide as its header.
    start = lines.index("CONNECT RATE BY ATTEMPT") + 1
    rows = lines[start : start + 12]
    assert rows[0].startswith("ATTEMPT") and rows[-1].lstrip().startswith("11+")
    assert len({len(row) for row in rows}) == 1


@pytest.mark.parametrize("bad", ["16/11/2026", "2026-11-31", "yesterday", "20261116"])
def test_since_must_be_a_date(followup, sample_path, bad):
    result = run(followup, "--db", str(sample_path), "stats", "--since", bad)
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output
    assert "Traceback" not in result.output


def test_since_after_today_is_refused(followup, sample_path):
    result = run(followup, "--db", str(sample_path), "stats", "--since", "2026-11-24")
    assert result.exit_code == 2
    assert "after today (2026-11-23)" in result.output


def test_an_empty_database_says_so(followup, tmp_path):
    path = tmp_path / "empty.db"
    open_db(path).close()  # `stats` only reads: it never creates the file (issue 11)
    result = run(followup, "--db", str(path), "stats")
    assert result.exit_code == 0, result.output
    assert "no touches yet" in result.output
    data = json.loads(run(followup, "--db", str(path), "stats", "--format", "json").output)
    assert data["totals"]["dials"] == 0 and data["days"] == []
    assert data["persistence"]["late_share"] is None


def test_one_reps_numbers_say_whose_and_the_team_table_explains_late_share(followup, sample_path):
    db = open_db(sample_path)
    db.execute("UPDATE touches SET rep = CASE WHEN id % 2 = 0 THEN 'alice' ELSE 'bob' END")
    db.conn.commit()
    db.close()
    mine = run(followup, "--db", str(sample_path), "stats")
    assert mine.output.startswith("Your numbers: all history")
    bobs = run(followup, "--db", str(sample_path), "stats", "--rep", "bob")
    assert bobs.exit_code == 0, bobs.output
    assert bobs.output.startswith("bob's numbers: all history")
    team = run(followup, "--db", str(sample_path), "stats", "--team")
    assert team.exit_code == 0, team.output
    lines = team.output.rstrip().splitlines()
    assert "LATE SHARE" in lines[2] and lines[-2] == ""
    assert lines[-1] == TEAM_LEGEND
    assert "LATE SHARE: " in TEAM_LEGEND and "call 3 or later" in TEAM_LEGEND
    assert TEAM_LEGEND.startswith("BY ATTEMPT: ")  # "21% 14% 9%": which rate is which


def test_big_counts_in_the_tables_are_grouped_as_in_the_app():
    """On a team's database the totals read '865368    141709' beside '16,808 h'."""
    from followup_tui.domain.stats import Counts
    from followup_tui.stats_command import _totals_table

    totals = Counts(dials=865368, connects=141709, conversations=141709,
                    decision_maker_conversations=77735, meetings=12611, talk_time_s=60509940,
                    connect_rate=0.164)  # fmt: skip
    numbers = _totals_table(totals).splitlines()[1].split()
    assert numbers[:2] == ["865,368", "141,709"] and "12,611" in numbers


def test_in_an_80_column_terminal_the_tables_fit_and_the_counts_stay_whole(monkeypatch):
    """The gave-up list's rows were 83 cells: each took two lines at 80 columns."""
    from followup_tui import stats_command

    monkeypatch.setattr(stats_command, "terminal_width", lambda: 80)
    rows = [("1832", "Marisol Fischer-Vandenberg", "Junipercrest Carriers International Inc.",
             "not interested", "2")]  # fmt: skip
    header = ("ID", "NAME", "COMPANY", "STATUS", "TOUCHES")
    lines = stats_command._table(header, rows, numeric=(0, 4)).splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[1].startswith("1832  Marisol") and lines[1].rstrip().endswith("2")
