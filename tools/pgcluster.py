"""A throwaway PostgreSQL cluster for the tests and benchmarks (issue 18, Team mode).

    python tools/pgcluster.py start DIR    # initdb + pg_ctl start; prints the superuser URL
    python tools/pgcluster.py stop DIR     # pg_ctl stop (fast) and removes DIR

The cluster listens on 127.0.0.1 at a free port and on a socket inside DIR; TCP connections need a password
(scram-sha-256), so the tests can check a wrong password. Debian's server binaries live in
/usr/lib/postgresql/<version>/bin (not on PATH). initdb refuses to run as root: as root, the server runs as the
``postgres`` user the Debian package creates (or ``nobody``).

tests/conftest.py starts one per test session unless PARTNERDESK_TEST_PG_URL names a server already running
(.ci/run starts one and exports it); ``make test`` installs the postgresql package through system-deps.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "pdtest"
PASSWORD = "pdtest-secret"  # a throwaway cluster on loopback, removed at the end of the run


def server_bin_dir() -> Path | None:
    """The newest Debian server install's bin folder (or the folder of an initdb on PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as() -> str | None:
    if os.geteuid() != 0:
        return None
    for user in ("postgres", "nobody"):
        try:
            pwd.getpwnam(user)
            return user
        except KeyError:
            continue
    raise RuntimeError("running as root and no 'postgres' or 'nobody' user to run the server as")


def _let_through(folder: Path, user: str) -> None:
    """Let ``user`` reach ``folder``: our own temporary folders on its way get the search (x) bit for others
    (mktemp and pytest make them 0700)."""
    tmp = Path(os.environ.get("TMPDIR", "/tmp")).resolve()
    folder = folder.resolve()
    for part in [folder, *folder.parents]:
        if part == tmp or tmp not in part.parents:
            break
        if part.stat().st_uid == os.geteuid():
            part.chmod(part.stat().st_mode | 0o011)


@dataclass
class Cluster:
    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql://{SUPERUSER}:{PASSWORD}@127.0.0.1:{self.port}/postgres"

    def _cmd(self, *args: str) -> list[str]:
        user = _run_as()
        return ["runuser", "-u", user, "--", *args] if user else list(args)

    def stop(self) -> None:
        bindir = server_bin_dir()
        data = self.folder / "data"
        if bindir and data.exists():
            subprocess.run(self._cmd(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.folder.parent.name.startswith("partnerdesk-pg-"):  # the temporary folder made for it
            shutil.rmtree(self.folder.parent, ignore_errors=True)


def start(folder: Path | str) -> Cluster:
    bindir = server_bin_dir()
    if bindir is None:
        raise RuntimeError("PostgreSQL server binaries not found (Debian package: postgresql)")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    data, sock = folder / "data", folder / "sock"
    sock.mkdir(exist_ok=True)
    pwfile = folder / "pw"
    pwfile.write_text(PASSWORD + "\n")
    user = _run_as()
    if user:
        info = pwd.getpwnam(user)
        for p in (folder, sock, pwfile):
            os.chown(p, info.pw_uid, info.pw_gid)
        folder.chmod(0o700)
        _let_through(folder.parent, user)
    cluster = Cluster(folder, _free_port())
    subprocess.run(cluster._cmd(str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, f"--pwfile={pwfile}",
                                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                                "--locale=C.UTF-8", "--no-sync"),
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    options = (f"-c listen_addresses=127.0.0.1 -c port={cluster.port} -c unix_socket_directories={sock} "
               "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
    subprocess.run(cluster._cmd(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                                str(folder / "server.log"), "-w", "-t", "60", "start"),
                   check=True, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", cluster.port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    return cluster


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print(__doc__, file=sys.stderr)
        return 2
    command, folder = argv
    if command == "start":
        print(start(folder).url)
        return 0
    port_file = Path(folder) / "data" / "postmaster.pid"
    port = int(port_file.read_text().splitlines()[3]) if port_file.exists() else 0
    Cluster(Path(folder), port).stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
