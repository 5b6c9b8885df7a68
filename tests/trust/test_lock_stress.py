"""Three processes opening and closing one workspace: never two owners at once."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from partnerdesk.store.workspace import open_workspace

ROOT = Path(__file__).parents[2]

WORKER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from partnerdesk.store.workspace import FileLock, WorkspaceLockedError, open_workspace

    path, marker, rounds, full = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4] == "full"
    owned = overlaps = 0
    deadline = time.monotonic() + 20

    def hold():
        global owned, overlaps
        try:
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            overlaps += 1  # another process believes it owns the workspace too
            return
        owned += 1
        time.sleep(0.0005)
        os.close(fd)
        os.unlink(marker)

    for _ in range(rounds):
        if time.monotonic() > deadline:
            break
        if full:
            try:
                ws = open_workspace(path, create=False)
            except WorkspaceLockedError:
                continue
            try:
                hold()
            finally:
                ws.close()
        else:
            lock = FileLock(path.with_name(path.name + ".lock"))
            if lock.acquire():
                try:
                    hold()
                finally:
                    lock.release()
    print(owned, overlaps)
""")


def _run(path: Path, rounds: int, mode: str) -> list[tuple[int, int]]:
    marker = str(path) + ".owner"
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(path), marker, str(rounds), mode],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
             for _ in range(3)]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        owned, overlaps = (int(x) for x in out.split())
        results.append((owned, overlaps))
    return results


def test_three_processes_never_hold_the_lock_together(tmp_path: Path) -> None:
    path = tmp_path / "shared.pdk"
    open_workspace(path).close()
    results = _run(path, 1300, "lock")  # 3,900 attempts, as in the report
    assert sum(overlaps for _owned, overlaps in results) == 0
    assert sum(owned for owned, _overlaps in results) > 100  # they really took turns
    assert path.with_name("shared.pdk.lock").exists()  # never deleted: no orphan to lock


def test_three_processes_opening_the_workspace_itself(tmp_path: Path) -> None:
    path = tmp_path / "shared.pdk"
    open_workspace(path).close()
    results = _run(path, 40, "full")
    assert sum(overlaps for _owned, overlaps in results) == 0
    assert sum(owned for owned, _overlaps in results) >= 3
