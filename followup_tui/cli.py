"""The `followup` command: thin. It parses arguments, calls store/domain/intake, prints.

Each subcommand loads the modules it needs when it runs, so that a command that
only reads starts in the time Python and its own work take: `followup stats`
never loads the queue's judging, phone numbers, the import or the app.
"""

from __future__ import annotations

import importlib
import shutil
import tempfile
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from msgspec import Struct

from followup_tui import __version__

if TYPE_CHECKING:
    from followup_tui.config import Settings
    from followup_tui.domain.policy import Policy
    from followup_tui.store.db import Database


class Session(Struct):
    """What every subcommand shares: settings, the rep's zone, and the database."""

    settings: Settings
    rep_zone: str
    db_path: Path | str  # a file, or a postgresql:// URL
    demo: bool
    temp_dir: Path | None = None
    rep: str = ""
    _db: Database | None = None
    _reader: Database | None = None
    _policy: Policy | None = None

    @property
    def policy(self) -> Policy:
        """The follow-up policy (rules and cadences beside the config), read the first
        time a command needs it."""
        if self._policy is None:
            from followup_tui.config import ConfigError, load_policy

            try:
                self._policy = load_policy(self.settings)
            except ConfigError as err:
                raise click.ClickException(str(err)) from err
        return self._policy

    def db(self, *, create: bool = True) -> Database:
        """The database, migrated; `create` False (commands that only read): a missing
        file is an error naming the path, never a new empty database."""
        if self._db is None:
            from followup_tui.domain import clock
            from followup_tui.intake.sample import SampleDataError, load_sample
            from followup_tui.store.db import StoreError, must_exist
            from followup_tui.store.engines import open_database

            try:
                if not create and not self.demo and isinstance(self.db_path, Path):
                    must_exist(self.db_path)
                self._db = open_database(self.db_path)
                if self.demo and _holds_prospects(self._db):
                    raise StoreError(
                        "that database already holds prospects; --demo only fills an empty one"
                    )
                if self.demo:
                    load_sample(self._db, clock.now())
            except (StoreError, SampleDataError) as err:
                raise click.ClickException(str(err)) from err
        return self._db

    def reader(self) -> Database:
        """The database for a command that only reads: store.db.open_reader (no
        migration when the file is current), or the one `db()` opened. A missing
        file is an error: reading never creates a database."""
        if self._db is not None or self.demo or isinstance(self.db_path, str):
            return self.db()
        if self._reader is None:
            from followup_tui.store.db import StoreError, open_reader

            try:
                self._reader = open_reader(self.db_path, create=False)
            except StoreError as err:
                raise click.ClickException(str(err)) from err
        return self._reader

    def close(self) -> None:
        for opened in (self._reader, self._db):
            if opened is not None:
                opened.close()
        if self.temp_dir is not None:
            shutil.rmtree(self.temp_dir, ignore_errors=True)


class LazyGroup(click.Group):
    """A group whose subcommands are imported when one runs (or --help lists them):
    `lazy` maps a name to 'module:attribute'."""

    def __init__(self, *args: object, lazy: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def invoke(self, ctx: click.Context) -> object:
        """Errors in words: a message quoting data is made terminal-safe, and anything
        unexpected writes a private crash report and says where, in one line (never a
        traceback with a prospect's details on the screen)."""
        from followup_tui.terminal_text import safe

        try:
            return super().invoke(ctx)
        except click.ClickException as err:
            err.message = safe(err.message, multiline=True)  # type: ignore[misc]
            raise
        except (click.exceptions.Exit, click.Abort, KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as err:
            from followup_tui.crash import report_and_say

            raise click.ClickException(report_and_say(err)) from err

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            module, attribute = self.lazy[cmd_name].split(":")
            command = getattr(importlib.import_module(module), attribute)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)


_INTAKE = "followup_tui.intake.commands"
LAZY_COMMANDS = {
    "queue": "followup_tui.queue_command:queue_command",
    "stats": "followup_tui.stats_command:stats_command",
    "import": f"{_INTAKE}:import_command",
    "import-signals": f"{_INTAKE}:import_signals_command",
    "import-touches": f"{_INTAKE}:import_touches_command",
    "export": f"{_INTAKE}:export_command",
    "agenda": f"{_INTAKE}:agenda_command",
    "rep": "followup_tui.team_commands:rep_group",
    "assign": "followup_tui.team_commands:assign_command",
    "team-demo": "followup_tui.team_commands:team_demo_command",
}
"""Every subcommand but `dnc` (a test checks the intake ones against ALL_COMMANDS)."""


@click.group(
    cls=LazyGroup,
    lazy=LAZY_COMMANDS,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    "db_option",
    help="Database file, or a team's server as postgresql://user@host/dbname (default:"
    " $FOLLOWUP_DB, else `database` in config.toml, else followup.db in your user data folder).",
)
@click.option("--rep", "rep_option", help="Who you are in a team (default: $FOLLOWUP_REP, "
              "else `rep` in config.toml, else your login name).")  # fmt: skip
@click.option(
    "--demo",
    is_flag=True,
    help="Build a fresh database from the sample data (in a temporary file, or at --db "
    "if that file is empty) and use it. Never touches your own database.",
)
@click.version_option(__version__, prog_name="followup")
@click.pass_context
def main(ctx: click.Context, db_option: str | None, rep_option: str | None, demo: bool) -> None:
    """A keyboard-first call queue: who to call now, their history and research,
    one-key outcomes. With no command, opens the app."""
    from followup_tui.config import ConfigError, Settings, database_path, load_settings
    from followup_tui.domain import clock
    from followup_tui.store.db import has_data

    try:
        settings = load_settings()
    except ConfigError as err:
        if ctx.invoked_subcommand != "locate":  # locate helps find the broken file
            raise click.ClickException(str(err)) from err
        settings = Settings()
    for problem in settings.problems:
        click.echo(f"Warning: {problem}", err=True)
    try:
        previous = clock.use(clock.clock_from_env())
        # Run in-process (a test's CliRunner), the command leaves the clock as it
        # found it: a test's frozen clock ran on after it had imported a file.
        ctx.call_on_close(partial(clock.use, previous))
        rep_zone = clock.rep_zone(configured=settings.timezone)
    except clock.ClockError as err:
        raise click.ClickException(str(err)) from err
    temp_dir = None
    path: Path | str
    if demo and _is_url(db_option):
        path = str(db_option)  # a team's demo: the server's database must be empty
    elif demo:
        if db_option:
            path = Path(db_option).expanduser()
            if has_data(path):
                raise click.ClickException(
                    f"{path} already holds data; --demo only builds a fresh database. "
                    "Pick a new file, or leave out --db for a temporary one."
                )
        else:
            temp_dir = Path(tempfile.mkdtemp(prefix="followup-demo-"))
            path = temp_dir / "demo.db"
    else:
        path = database_path(db_option, settings.database)
        if isinstance(path, Path):
            _keep_data_dir_private(path)
    rep = (rep_option or "").strip() or (settings.rep or "").strip()
    if not rep:
        from followup_tui.store.team import default_rep

        rep = default_rep()
    session = Session(settings, rep_zone, path, demo, temp_dir, rep=rep)
    ctx.obj = session
    ctx.call_on_close(session.close)
    if ctx.invoked_subcommand is None:
        run_app(session)


def _keep_data_dir_private(path: Path) -> None:
    """The user data folder holds only our files: nobody else needs to enter it."""
    from followup_tui.config import data_dir

    folder = data_dir()
    try:
        if path.parent == folder and folder.is_dir() and folder.stat().st_mode & 0o077:
            folder.chmod(0o700)
    except OSError:
        pass  # not ours to change (another owner): the database itself is still 0600


def run_app(session: Session) -> None:
    from followup_tui.ui.memory import hold_for_start_up

    hold_for_start_up()  # before the app's imports: see memory.py
    from followup_tui.domain import clock
    from followup_tui.store.engine import DATABASE_ERRORS
    from followup_tui.store.engines import store_for
    from followup_tui.store.team import register_rep
    from followup_tui.ui.app import FollowupApp  # Textual is only needed for the app

    policy = session.policy  # a broken rules file is reported before the database is opened
    db = session.db()
    with suppress(*DATABASE_ERRORS):  # only for `followup rep list`: a read-only file is fine
        register_rep(db, session.rep, clock.now())
    store = store_for(
        session.db_path if isinstance(session.db_path, str) else _file_of(db), rep=session.rep
    )
    FollowupApp(store, session.rep_zone, session.settings, policy=policy).run()


def _holds_prospects(db: Database) -> bool:
    return bool(db.execute("SELECT count(*) FROM prospects").fetchone()[0])


def _is_url(text: str | None) -> bool:
    return (text or "").strip().lower().startswith(("postgresql://", "postgres://"))


def _file_of(db: Database) -> Path:
    from followup_tui.store.db import database_file

    file = database_file(db)
    if file is None:
        raise click.ClickException("an in-memory database cannot be opened in the app")
    return Path(file)


@main.command("locate")
@click.pass_obj
def locate(session: Session) -> None:
    """Where the config, themes, cadences, calling rules, templates and database live."""
    from followup_tui.config import (
        ConfigError,
        cadences_path,
        calling_rules_path,
        config_path,
        load_settings,
        templates_dir,
        user_theme_dir,
    )

    config = config_path()
    try:
        load_settings(config)
        broken = ""
    except ConfigError as err:
        broken = f"; broken: {err}"
    places = [
        ("config", config, "not there: defaults are used", broken),
        ("themes", user_theme_dir(), "not there: only the shipped themes", ""),
        ("cadences", cadences_path(), "not there: the built-in cadences", ""),
        ("calling rules", calling_rules_path(), "not there: the built-in rules", ""),
        ("templates", templates_dir(), "not there", ""),
        ("database", session.db_path, "not there yet: made on first use", ""),
    ]
    width = max(len(name) for name, *_ in places)
    for name, path, missing, more in places:
        if isinstance(path, str):  # a team's server: never a file
            click.echo(f"{name:<{width}}  {path}  (a PostgreSQL server)")
            continue
        state = ("exists" if path.exists() else missing) + more
        click.echo(f"{name:<{width}}  {path}  ({state})")


@main.group("dnc")
def dnc_group() -> None:
    """The do-not-call list: `list` shows who is on it, when and why; `remove` takes
    one off, with a reason. Adding happens in the app (D) or in an import."""


@dnc_group.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_obj
def dnc_list(session: Session, fmt: str) -> None:
    """Who is on the do-not-call list, when and why.

    Name, company, phone, when they were marked (your time) and why, as stored in
    dnc_log; --format json for scripts (marked_at in UTC)."""
    from followup_tui.store.intake import do_not_call_list

    rows = do_not_call_list(session.db(create=False))
    if fmt == "json":
        import json

        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo("Nobody is on the do-not-call list.")
        return
    click.echo(_dnc_table(rows, session))


def _dnc_table(rows: list[dict[str, Any]], session: Session) -> str:
    """The list as aligned columns, the moment marked in the rep's zone."""
    from followup_tui.domain.clock import from_iso
    from followup_tui.domain.phones import format_phone
    from followup_tui.text_table import aligned

    def marked(at: str | None) -> str:
        """'23 Nov 2026 10:00': always the year, as the list is kept for good and spans
        years (a mark from last November must not read as this one's)."""
        if not at:
            return "not recorded"
        return from_iso(at).in_tz(session.rep_zone).format("D MMM YYYY HH:mm")

    header = ("ID", "NAME", "COMPANY", "PHONE", "MARKED", "WHY")
    table: list[tuple[str, ...]] = [
        (
            str(row["id"]),
            row["name"],
            row["company"],
            format_phone(row["phone_e164"], row["phone_ext"], session.settings.region)
            or row["phone_raw"]
            or "",
            marked(row["marked_at"]),
            row["reason"] or "",
        )
        for row in rows
    ]
    return aligned(header, table, max_width=40)


@dnc_group.command("remove")
@click.argument("prospect_id", type=int)
@click.option("--reason", required=True, help="Why (kept in the dnc_log table).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def dnc_remove(session: Session, prospect_id: int, reason: str, yes: bool) -> None:
    """Take a prospect off the do-not-call list, with a reason, logged."""
    from followup_tui.domain import clock
    from followup_tui.store.prospects import get_prospect
    from followup_tui.store.touches import remove_do_not_call
    from followup_tui.terminal_text import safe

    db = session.db(create=False)
    prospect = get_prospect(db, prospect_id)
    if prospect is None:
        raise click.ClickException(f"no prospect with id {prospect_id}")
    name, company = safe(prospect.name), safe(prospect.company)
    if not prospect.do_not_call:
        raise click.ClickException(f"{name} is not on the do-not-call list")
    if not reason.strip():
        raise click.ClickException("--reason must say why (it is kept in dnc_log)")
    if not yes:
        click.confirm(f"Remove {name} ({company}) from the do-not-call list?", abort=True)
    remove_do_not_call(db, prospect_id, reason.strip(), clock.now())
    click.echo(f"{name} may be called again; parked as 'not now' for review.")


_SERVER_TOOLS = (
    "backup and check work on a database file; for a PostgreSQL server use its own"
    " tools (pg_dump, amcheck)"
)


@main.command("backup")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.pass_obj
def backup_command(session: Session, path: Path | None) -> None:
    """Copy the database to PATH (a new file, or a folder), readable by you only.
    Safe while the app is open: the copy is the database at one moment. Default:
    a dated file in the `backups` folder beside the database."""
    from followup_tui.store.db import StoreError
    from followup_tui.store.maintenance import backup

    if not isinstance(session.db_path, Path):
        raise click.ClickException(_SERVER_TOOLS)
    try:
        written = backup(session.db_path, path.expanduser() if path else None)
    except StoreError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"Backed up {session.db_path} to {written}.")


@main.command("check")
@click.pass_obj
def check_command(session: Session) -> None:
    """Check the database file: SQLite's integrity check and foreign key check, said
    in words. Exits 1 when something is wrong. Changes nothing."""
    from followup_tui.store.db import StoreError
    from followup_tui.store.maintenance import check

    if not isinstance(session.db_path, Path):
        raise click.ClickException(_SERVER_TOOLS)
    try:
        health = check(session.db_path)
    except StoreError as err:
        raise click.ClickException(str(err)) from err
    for text in health.lines():
        click.echo(text)
    if not health.ok:
        raise click.exceptions.Exit(1)


if __name__ == "__main__":
    main()
