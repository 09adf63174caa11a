"""The intake commands of `followup`: import, import-signals, import-touches,
export and agenda. Thin: they read options, call intake, and print.

Registered in cli.py with `main.add_command(...)`; each takes the shared
`Session` (settings, the rep's zone, the database) through `@click.pass_obj`.
"""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click
import phonenumbers
from pendulum import DateTime

from followup_tui.domain import clock
from followup_tui.domain.display import plural
from followup_tui.intake.csv_import import import_prospect_table
from followup_tui.intake.csv_read import IntakeError, read_table
from followup_tui.intake.dates import read_moment
from followup_tui.intake.export import since_moment, write_export
from followup_tui.intake.headers import parse_mappings
from followup_tui.intake.importing import ImportInterrupted, ImportOptions, ImportProgress
from followup_tui.intake.kinds import known_signal_kinds, signal_kind
from followup_tui.intake.report import ImportReport
from followup_tui.intake.signal_import import SignalDefaults, import_signals
from followup_tui.intake.touch_import import import_touches
from followup_tui.store.db import StoreError
from followup_tui.terminal_text import safe

if TYPE_CHECKING:
    from followup_tui.cli import Session

PROGRESS_ROWS = 5000  # files with more lines than this get a progress bar

_file = click.Path(dir_okay=False, path_type=Path)
_region = click.option(
    "--region",
    metavar="CC",
    help="Country of numbers written without +country code (default: the config's, else US).",
)
_map = click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="COLUMN=FIELD",
    help="Read COLUMN as FIELD, over the header it has (repeatable; FIELD 'ignore' skips it).",
)
_dry_run = click.option(
    "--dry-run", is_flag=True, help="Show what would happen; change nothing, write no rejects."
)


@contextmanager
def _clear_errors(what: str) -> Iterator[None]:
    """Every failure the rep can do something about, as one clear line."""
    try:
        yield
    except (IntakeError, StoreError, ImportInterrupted) as err:
        raise click.ClickException(str(err)) from err
    except sqlite3.OperationalError as err:
        if "locked" in str(err) or "busy" in str(err):
            raise click.ClickException(
                f"the database is busy (another import or a long write?); nothing was {what}."
                " Try again in a moment."
            ) from err
        raise click.ClickException(f"database error, nothing was {what}: {err}") from err
    except BrokenPipeError:
        _quiet_stdout()  # `followup export prospects | head`: the reader has had enough
        raise click.exceptions.Exit(1) from None
    except OSError as err:
        target = f" {err.filename}" if err.filename else ""
        raise click.ClickException(f"cannot write{target}: {err.strerror or err}") from err
    except KeyboardInterrupt:
        if what == "imported":
            click.echo(
                "Interrupted: the chunk being saved was rolled back; rows saved before it"
                " stay. Import the same file again to finish.",
                err=True,
            )
        else:
            click.echo(f"Interrupted: nothing was {what}.", err=True)
        raise click.Abort() from None


@contextmanager
def _stop_on_ctrl_c() -> Iterator[Callable[[], bool]]:
    """A first Ctrl+C asks the import to stop after the chunk it is saving (what is
    saved stays, and the report says how much); a second one interrupts at once."""
    asked = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield asked.is_set
        return

    def on_interrupt(signum: int, frame: object) -> None:
        if asked.is_set():
            raise KeyboardInterrupt
        asked.set()
        click.echo("\nStopping after the rows being saved (Ctrl+C again to stop now)…", err=True)

    before = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield asked.is_set
    finally:
        signal.signal(signal.SIGINT, before)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that Python's last flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def _options(session: Session, region: str | None, source: str | None, mappings, dry_run):
    chosen = (region or session.settings.region or "US").upper()
    if chosen not in phonenumbers.SUPPORTED_REGIONS:
        raise click.BadParameter(
            f"{chosen!r} is not a country code phonenumbers knows (e.g. US, GB, DE)",
            param_hint="--region",
        )
    try:
        parsed = parse_mappings(mappings)
    except IntakeError as err:
        raise click.BadParameter(str(err), param_hint="--map") from err
    return ImportOptions(
        region=chosen,
        source=(source or "").strip(),
        mappings=parsed,
        dry_run=dry_run,
        rep_zone=session.rep_zone,
    )


def _print(report: ImportReport) -> None:
    if report.dry_run and report.columns:
        click.echo("Columns read:")
        for column, field in report.columns:
            click.echo(safe(f"  {column} -> {field}"))  # the file's own headers
    for line in report.lines():
        click.echo(safe(line))
    if report.stopped:
        raise click.exceptions.Exit(130)  # as a shell reports Ctrl+C


_Run = Callable[[Callable[[ImportProgress], None] | None], ImportReport]
_BAR = 1000  # steps of the progress bar


def _with_progress(rows: int, run: _Run) -> ImportReport:
    """Run `run(progress)`, with a progress bar on stderr for files worth waiting for."""
    if rows <= PROGRESS_ROWS:
        return run(None)
    with click.progressbar(length=_BAR, label="Importing", file=sys.stderr) as bar:
        done = 0

        def advance(progress: ImportProgress) -> None:
            nonlocal done
            step = int(progress.fraction * _BAR)
            if step > done:
                bar.update(step - done)
                done = step

        return run(advance)


@click.command("import")
@click.argument("file", type=_file)
@click.option("--source", metavar="LABEL", help="Lead source of every row (over the file's).")
@_region
@_map
@_dry_run
@click.pass_obj
def import_command(
    session: Session,
    file: Path,
    source: str | None,
    region: str | None,
    mappings: tuple[str, ...],
    dry_run: bool,
) -> None:
    """Import prospects from a CRM export (CSV or our JSON export).

    Headers of HubSpot, Salesforce, Pipedrive, Close and Apollo exports are
    recognised. A row with the email or phone of a prospect already here is
    merged into it (empty fields filled, notes added; schedule, history and
    do-not-call kept). Rows that cannot be imported go to FILE.rejects.csv
    with the reason. Rows are saved a thousand at a time, so the app can write
    meanwhile; Ctrl+C stops after the rows being saved, and importing the same
    file again finishes an import that stopped.
    """
    options = _options(session, region, source, mappings, dry_run)
    with _clear_errors("imported"), _stop_on_ctrl_c() as should_stop:
        table = read_table(file)
        db = session.db()
        report = _with_progress(
            table.estimated_rows,
            lambda progress: import_prospect_table(
                db, table, options, clock.now(), progress, should_stop
            ),
        )
    _print(report)


@click.command("import-signals")
@click.argument("file", type=_file)
@click.option(
    "--kind",
    metavar="KIND",
    help=f"Signal of rows with no type column, e.g. webinar ({known_signal_kinds()}).",
)
@click.option("--date", "date_text", metavar="DATE", help="Date of rows with no date column.")
@click.option("--source", metavar="LABEL", help="Where the signals came from (default: file name).")
@_region
@_map
@_dry_run
@click.pass_obj
def import_signals_command(
    session: Session,
    file: Path,
    kind: str | None,
    date_text: str | None,
    source: str | None,
    region: str | None,
    mappings: tuple[str, ...],
    dry_run: bool,
) -> None:
    """Attach warm signals (webinar, ebook download, booth visit, ...) to prospects.

    Each row names the prospect by email or phone, a signal type and a date.
    Rows whose prospect is not found or whose type is unknown go to
    FILE.rejects.csv; a signal already there (same kind, same day) is not
    added again.
    """
    options = _options(session, region, source, mappings, dry_run)
    chosen_kind = None
    if kind is not None:
        chosen_kind = signal_kind(kind)
        if chosen_kind is None:
            raise click.BadParameter(f"one of: {known_signal_kinds()}", param_hint="--kind")
    occurred_at = None
    if date_text is not None:
        occurred_at = _date_option(date_text, session.rep_zone, options.region)
    with _clear_errors("imported"), _stop_on_ctrl_c() as should_stop:
        report = import_signals(
            session.db(),
            file,
            options,
            SignalDefaults(chosen_kind, occurred_at),
            should_stop=should_stop,
        )
    _print(report)


@click.command("import-touches")
@click.argument("file", type=_file)
@_region
@_map
@_dry_run
@click.pass_obj
def import_touches_command(
    session: Session,
    file: Path,
    region: str | None,
    mappings: tuple[str, ...],
    dry_run: bool,
) -> None:
    """Import call and email history, e.g. from `followup export touches`.

    Each row names the prospect (Followup ID, email or phone), the channel, the
    outcome and when it started. A touch already there is not added again; a
    prospect's status and schedule are never changed by history.
    """
    options = _options(session, region, None, mappings, dry_run)
    with _clear_errors("imported"), _stop_on_ctrl_c() as should_stop:
        report = import_touches(session.db(), file, options, should_stop=should_stop)
    _print(report)


@click.command("export")
@click.argument("what", type=click.Choice(["prospects", "touches", "signals"]))
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv")
@click.option(
    "--since",
    metavar="DATE",
    help="Only prospects changed, touches started or signals dated since DATE.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    default="-",
    help="File to write (default: standard output).",
)
@click.pass_obj
def export_command(session: Session, what: str, fmt: str, since: str | None, output: str) -> None:
    """Export prospects, touches or signals as CSV or JSON with CRM column names.

    `followup import`, `followup import-touches` and `followup import-signals`
    read these files back: an export imported into a fresh database gives the
    same prospects, touches and signals.
    """
    with _clear_errors("exported"):
        start = since_moment(since, session.rep_zone) if since else None
        db = session.db(create=False)
        with _output(output) as out:
            count = write_export(db, what, fmt, out, start)
    if output != "-":
        click.echo(f"Exported {count:,} {what} to {output}.", err=True)


@click.command("agenda")
@click.option(
    "--ics",
    "ics_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The iCalendar file to write (subscribe to it, or import it).",
)
@click.option("--days", type=click.IntRange(min=1, max=366), default=14, show_default=True)
@click.pass_obj
def agenda_command(session: Session, ics_path: Path, days: int) -> None:
    """Write the planned touches and promised callbacks of the next DAYS days as
    an iCalendar file; each event gives the phone, the reason to call and the
    time in your zone and theirs."""
    from followup_tui.intake.agenda import (  # icalendar: only here
        agenda_calendar,
        kinds_text,
        write_agenda,
    )

    with _clear_errors("written"):
        calendar, kinds = agenda_calendar(
            session.db(create=False), clock.now(), session.rep_zone, days, session.settings.region,
            session.policy,
        )  # fmt: skip
        write_agenda(ics_path, calendar)
    what = f": {kinds_text(kinds)}" if kinds else ""
    click.echo(
        f"Wrote {plural(kinds.total(), 'event')} to {ics_path} (next {plural(days, 'day')}){what}."
    )


@contextmanager
def _output(target: str) -> Iterator[TextIO]:
    """Standard output for '-', else the file, replaced whole only once written."""
    if target == "-":
        yield sys.stdout
        return
    path = Path(target).expanduser()
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _date_option(text: str, zone: str, region: str) -> DateTime:
    found = read_moment(text, zone, region)
    if found is None:
        raise click.BadParameter("write a date such as 2026-11-03", param_hint="--date")
    return found


ALL_COMMANDS = (
    import_command,
    import_signals_command,
    import_touches_command,
    export_command,
    agenda_command,
)
