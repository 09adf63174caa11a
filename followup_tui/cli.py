"""The `followup` command: thin. It parses arguments, calls store/domain/intake, prints."""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import click
from sqlite_utils import Database

from followup_tui import __version__
from followup_tui.config import ConfigError, Settings, database_path, load_settings
from followup_tui.domain import clock
from followup_tui.domain.display import due_text
from followup_tui.domain.local_time import short_time, their_time, zone_of
from followup_tui.domain.models import Prospect
from followup_tui.domain.phones import format_phone
from followup_tui.intake.sample import SampleDataError, load_sample
from followup_tui.store.db import StoreError, has_data, open_db
from followup_tui.store.prospects import due_queue


@dataclass
class Session:
    """What every subcommand shares: settings, the rep's zone, and the database."""

    settings: Settings
    rep_zone: str
    db_path: Path
    demo: bool
    temp_dir: Path | None = None
    _db: Database | None = field(default=None, repr=False)

    def db(self) -> Database:
        if self._db is None:
            try:
                self._db = open_db(self.db_path)
                if self.demo:
                    load_sample(self._db, clock.now())
            except (StoreError, SampleDataError) as err:
                raise click.ClickException(str(err)) from err
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
        if self.temp_dir is not None:
            shutil.rmtree(self.temp_dir, ignore_errors=True)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_option",
    type=click.Path(dir_okay=False),
    help="Database file (default: $FOLLOWUP_DB, else followup.db in your user data folder).",
)
@click.option(
    "--demo",
    is_flag=True,
    help="Build a fresh database from the sample data (in a temporary file, or at --db "
    "if that file is empty) and use it. Never touches your own database.",
)
@click.version_option(__version__, prog_name="followup")
@click.pass_context
def main(ctx: click.Context, db_option: str | None, demo: bool) -> None:
    """A keyboard-first call queue: who to call now, their history and research,
    one-key outcomes. With no command, opens the app."""
    try:
        settings = load_settings()
        clock.use(clock.clock_from_env())
        rep_zone = clock.rep_zone(configured=settings.timezone)
    except (ConfigError, clock.ClockError) as err:
        raise click.ClickException(str(err)) from err
    temp_dir = None
    if demo:
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
        path = database_path(db_option)
    session = Session(settings, rep_zone, path, demo, temp_dir)
    ctx.obj = session
    ctx.call_on_close(session.close)
    if ctx.invoked_subcommand is None:
        run_app(session)


def run_app(session: Session) -> None:
    from followup_tui.ui.app import FollowupApp  # Textual is only needed for the app

    FollowupApp(session.db(), session.rep_zone, session.settings).run()


@main.command("queue")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@click.pass_obj
def queue_command(session: Session, fmt: str, limit: int | None) -> None:
    """Print the call queue the app would show, in the same order."""
    now = clock.now()
    entries = due_queue(session.db(), now, limit=limit)
    if fmt == "json":
        click.echo(json.dumps([queue_record(p, now) for p in entries], indent=2))
        return
    if not entries:
        click.echo("Nobody is due right now.")
        return
    rows = [
        (
            str(p.id),
            p.name,
            p.company,
            format_phone(p.phone_e164, p.phone_ext, session.settings.region) or p.phone_raw,
            short_time(their_time(p, now)),
            str(p.touch_count),
            due_text(p.next_touch_at, now),
        )
        for p in entries
    ]
    click.echo(aligned(("ID", "NAME", "COMPANY", "PHONE", "THEIR TIME", "TOUCHES", "DUE"), rows))


def queue_record(prospect: Prospect, now) -> dict[str, object]:
    """One queue entry for scripts; field names match the prospects table."""
    local = their_time(prospect, now)
    return {
        "id": prospect.id,
        "name": prospect.name,
        "title": prospect.title,
        "company": prospect.company,
        "phone_e164": prospect.phone_e164,
        "phone_ext": prospect.phone_ext,
        "timezone": zone_of(prospect),
        "local_time": local.replace(microsecond=0).isoformat() if local else None,
        "next_touch_at": clock.to_iso(prospect.next_touch_at) if prospect.next_touch_at else None,
        "next_touch_is_callback": prospect.next_touch_is_callback,
        "touch_count": prospect.touch_count,
    }


def aligned(header: tuple[str, ...], rows: list[tuple[str, ...]], max_width: int = 32) -> str:
    """Plain columns for a terminal; long cells are cut with an ellipsis."""

    def cut(text: str) -> str:
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    table = [tuple(cut(c) for c in row) for row in [header, *rows]]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in table
    )


if __name__ == "__main__":
    main()
