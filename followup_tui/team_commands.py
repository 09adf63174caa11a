"""Team commands: `followup rep list`, `followup assign`, `followup team-demo`."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

import click

from followup_tui.domain.display import plural

if TYPE_CHECKING:
    from followup_tui.cli import Session
    from followup_tui.store.team import Assignment


@click.group("rep")
def rep_group() -> None:
    """The reps who work this database."""


@rep_group.command("list")
@click.pass_obj
def rep_list(session: Session) -> None:
    """Every rep who opened the app here or logged a touch, with their touch counts."""
    from followup_tui.store.team import team

    lines = team(session.db())
    if not lines:
        click.echo("No rep has worked this database yet.")
        return
    for line in lines:
        seen = f", last seen {line.last_seen}" if line.last_seen else ""
        click.echo(f"{line.name}: {line.touches} touches{seen}")


@click.command("assign")
@click.option("--to", "to_rep", metavar="REP", help="The rep who gets them.")
@click.option("--pool", "to_pool", is_flag=True, help="Give them back to the shared pool.")
@click.option("--from", "from_rep", metavar="REP", help="Only prospects this rep owns.")
@click.option("--from-pool", is_flag=True, help="Only prospects in the shared pool.")
@click.option("--source", help="Only prospects from this source (the import's file or tag).")
@click.option("--area-code", help="Only North American numbers with this area code (e.g. 415).")
@click.option("--country", help="Only numbers with this country calling code (e.g. 44).")
@click.argument("ids", nargs=-1, type=int)
@click.pass_obj
def assign_command(
    session: Session,
    to_rep: str | None,
    to_pool: bool,
    from_rep: str | None,
    from_pool: bool,
    source: str | None,
    area_code: str | None,
    country: str | None,
    ids: tuple[int, ...],
) -> None:
    """Move prospects to a rep (--to) or back to the shared pool (--pool): by owner,
    source, area code, country or id. A prospect owned by a rep is only theirs to
    call; the pool is everyone's."""
    from followup_tui.store.db import write_transaction
    from followup_tui.store.team import assign, is_postgres, team

    if bool(to_rep) == to_pool:
        raise click.UsageError("say where they go: --to REP or --pool")
    if not (from_rep or from_pool or source or area_code or country or ids):
        raise click.UsageError("say which: --from, --from-pool, --source, --area-code, "
                               "--country or ids (all of them: --from-pool)")  # fmt: skip
    db = session.db()
    with write_transaction(db):
        done = assign(db, to_rep, from_rep=from_rep, pool=from_pool, source=source,
                      area_code=area_code, country=country, ids=ids)  # fmt: skip
    for line in assignment_lines(done, to_rep):
        click.echo(line)
    if to_rep and to_rep not in {line.name for line in team(db)}:
        click.echo(f"Note: {to_rep} has not worked this database yet"
                   " (followup rep list shows who has).")  # fmt: skip
    if to_rep and to_rep != session.rep and done.moved and not is_postgres(db):
        click.echo(one_rep_note(to_rep, session.rep))


def assignment_lines(done: Assignment, to_rep: str | None) -> list[str]:
    """What `assign` did in words: only real moves are counted; named ids that were
    already there, do not exist or missed another criterion are said apart."""
    where = f"to {to_rep}" if to_rep else "to the shared pool"
    lines = [f"{plural(done.moved, 'prospect')} moved {where}."]
    there = f"{to_rep}'s" if to_rep else "in the shared pool"
    if done.already_ids:
        lines.append(f"Already {there}: {_id_list(done.already_ids)}.")
    elif done.already:
        verb = "was" if done.already == 1 else "were"
        lines.append(f"{plural(done.already, 'prospect')} {verb} already {there}.")
    if done.missing:
        lines.append(f"Not found (no prospect has this id): {_id_list(done.missing)}.")
    if done.unmatched:
        lines.append(f"Left as they were (they miss another criterion): "
                     f"{_id_list(done.unmatched)}.")  # fmt: skip
    return lines


def one_rep_note(to_rep: str, rep: str) -> str:
    """Ownership on a one-rep SQLite file, as it works there: a rep's prospects show
    (in the app and in `followup queue`) only to that rep."""
    return (
        f"Note: on this one-rep database (a SQLite file) they now show only to {to_rep}"
        f" (followup --rep {to_rep}), in the app and in `followup queue`, not to you"
        f" ({rep}).\nOwners split a team's work on a PostgreSQL database"
        " (README: A team on one database); --pool gives them back."
    )


def _id_list(ids: tuple[int, ...]) -> str:
    return ", ".join(map(str, ids))


@click.command("team-demo")
@click.option("--reps", default="alice,bob", show_default=True, help="The demo team.")
def team_demo_command(reps: str) -> None:
    """A team on one machine: start a throwaway PostgreSQL cluster from the installed
    binaries (in a temporary folder, on a unix socket), fill it with the demo data,
    and open the app as the first rep. Another terminal joins as the next rep with
    the command printed. Quitting the app stops the server and deletes it all."""
    from followup_tui.store.pg.cluster import NoPostgres, throwaway_cluster

    names = [name.strip() for name in reps.split(",") if name.strip()]
    if not names:
        raise click.UsageError("--reps needs at least one name")
    for warning in ignored_by_team_demo(click.get_current_context().find_root().params):
        click.echo(f"Warning: {warning}", err=True)
    followup = [sys.executable, "-m", "followup_tui.cli"]
    try:
        with throwaway_cluster() as url:
            done = subprocess.run([*followup, "--db", url, "--demo", "queue"],
                                  capture_output=True, text=True, check=False)  # fmt: skip
            if done.returncode != 0:
                raise click.ClickException(f"loading the demo failed: {done.stderr[-400:]}")
            click.echo(f"A throwaway team database: {url}")
            for name in names[1:]:
                click.echo(f"  {name}, in another terminal:  followup --db '{url}' --rep {name}")
            click.echo(f"  stats of the team:  followup --db '{url}' stats --team")
            click.echo(f"Opening the app as {names[0]}; quitting it stops the server.")
            subprocess.run([*followup, "--db", url, "--rep", names[0]], check=False,
                           env=dict(os.environ))  # fmt: skip
    except NoPostgres as err:
        raise click.ClickException(str(err)) from err


def ignored_by_team_demo(given: dict[str, object]) -> list[str]:
    """The global options `team-demo` has no use for, said rather than dropped in
    silence: it makes its own throwaway server (never the --db database) and its
    reps are --reps."""
    ignored = []
    if given.get("db_option"):
        ignored.append(
            f"team-demo makes its own throwaway server and ignores --db {given['db_option']}"
            " (that database is not touched)."
        )
    if given.get("rep_option"):
        ignored.append(f"team-demo ignores --rep {given['rep_option']}: its reps are --reps.")
    return ignored
