"""Opening an up-to-date workspace skips Alembic (start-up time), and agrees with Alembic about the head."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from partnerdesk.store.workspace import _head_without_alembic, known_revisions, open_workspace

ROOT = Path(__file__).resolve().parents[2]


def test_head_read_from_files_matches_alembic() -> None:
    assert _head_without_alembic() == known_revisions()[0]


def test_opening_an_up_to_date_workspace_does_not_load_alembic(tmp_path: Path) -> None:
    path = tmp_path / "ws.pdk"
    with open_workspace(path):
        pass
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
            "from partnerdesk.store.workspace import open_workspace\n"
            f"ws = open_workspace({str(path)!r}); print(ws.schema_revision(), 'alembic' in sys.modules)\n"
            )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == [known_revisions()[0], "False"], out.stderr
