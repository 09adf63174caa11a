"""A throwaway PostgreSQL cluster from the installed binaries: for tests, the
load benchmark and `followup try-team` (a team on one machine).

`initdb` refuses to run as root: as root the cluster belongs to the `postgres`
account the Debian package creates (run through `runuser`). The server listens
on a unix socket in the cluster's folder only (no TCP port), trusts local
connections, and is stopped and removed when the `with` block ends.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

_NEEDED = ("initdb", "pg_ctl", "createdb")


class NoPostgres(RuntimeError):
    """The binaries or an account to run them are missing; the message says which."""


def binaries() -> Path | None:
    """The folder of initdb and pg_ctl: on PATH, else the newest /usr/lib/postgresql/*/bin."""
    found = shutil.which("initdb")
    if found:
        here = Path(found).resolve().parent  # Debian links initdb alone into /usr/local/bin
        if all((here / name).exists() for name in _NEEDED):
            return here
    folders = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda f: int(f.split("/")[-2] or 0)
    )
    for folder in reversed(folders):
        if all((Path(folder) / name).exists() for name in _NEEDED):
            return Path(folder)
    return None


def _runner() -> list[str]:
    """How to run the server's commands: as ourselves, or (as root) as `postgres`."""
    if os.geteuid() != 0:
        return []
    if shutil.which("runuser") is None:
        raise NoPostgres("running as root and `runuser` is missing to start PostgreSQL")
    try:
        import pwd

        pwd.getpwnam("postgres")
    except KeyError as err:
        raise NoPostgres("running as root and there is no `postgres` account") from err
    return ["runuser", "-u", "postgres", "--"]


@contextmanager
def throwaway_cluster(database: str = "followup") -> Iterator[str]:
    """Start a cluster in a temporary folder; yields the URL of `database` in it."""
    folder = binaries()
    if folder is None:
        raise NoPostgres(
            "no PostgreSQL binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql"
        )
    runner = _runner()
    home = Path(tempfile.mkdtemp(prefix="followup-pg-"))
    if runner:
        shutil.chown(home, "postgres", "postgres")
    data = home / "data"
    log = home / "server.log"

    def run(*args: str) -> None:
        done = subprocess.run([*runner, *args], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise NoPostgres(f"{Path(args[0]).name} failed: {(done.stderr or done.stdout)[-500:]}")

    try:
        run(str(folder / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
            "--no-sync", "-E", "UTF8", "--locale=C")  # fmt: skip
        options = (f"-k {home} -c listen_addresses='' -c fsync=off -c max_connections=200"
                   " -c shared_buffers=64MB")  # fmt: skip
        run(str(folder / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start")
        try:
            run(str(folder / "createdb"), "-h", str(home), "-U", "postgres", database)
            yield f"postgresql://postgres@/{database}?host={quote(str(home), safe='')}"
        finally:
            # Removed next: no checkpoint to write first (it took seconds after a run).
            run(str(folder / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(home, ignore_errors=True)
