"""Through the main window: File ▸ Import Contacts (all or nothing, the explicit partial choice), File ▸ Restore
from Backup, the integrity check's restore offer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from partnerdesk.domain.enums import PartnerKind
from partnerdesk.services.partners import PartnerService
from partnerdesk.store.backup import list_snapshots
from partnerdesk.ui.jobs import wait_for_all

FIXTURES = Path(__file__).parent / "fixtures"


def file_action(window, name: str):  # type: ignore[no-untyped-def]
    """The File menu entry with this object name (what a user clicks)."""
    for action in window.actions_.file_menu.actions():
        if action.objectName() == name:
            return action
    raise AssertionError(f"{name} is not in the File menu")


def contacts(window) -> int:  # type: ignore[no-untyped-def]
    with window.context.ws.session() as s:
        return int(s.connection().exec_driver_sql("SELECT count(*) FROM contacts").scalar() or 0)


def partners(window) -> list[str]:  # type: ignore[no-untyped-def]
    with window.context.ws.session() as s:
        return sorted(s.connection().exec_driver_sql("SELECT name FROM partners").scalars())


def test_file_import_contacts_needs_the_explicit_partial_choice(demo_window, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    demo_window.start()
    before = contacts(demo_window)
    data = tmp_path / "phone.vcf"
    data.write_bytes((FIXTURES / "lotus_notes_agent.vcf").read_bytes()
                     + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken Mail\r\nEMAIL:a@b\r\nEND:VCARD\r\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(data), ""))
    file_action(demo_window, "importContactsAction").trigger()
    dialog = demo_window.actions_.backups.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.busy(), timeout=10_000)
    texts = [dialog.preview_model.item(r, 0).text() for r in range(dialog.preview_model.rowCount())]
    assert any("a@b" in t and "line 27" in t for t in texts)  # the refused record, by number and line
    assert any("AGENT" in t for t in texts)  # the left-out nested card is said too
    assert not dialog.import_button.isEnabled()  # nothing is imported from a broken file by default
    assert dialog.partial.isVisible()
    assert dialog.partial.text() == "Import the 2 readable records and leave out the broken ones"
    dialog.partial.setChecked(True)
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=10_000)
    summary = dialog.summary
    assert summary.imported + summary.skipped == 2 and summary.failed == 1
    assert contacts(demo_window) == before + summary.imported


def test_file_restore_from_backup_round_trip(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    demo_window.start()
    backups = demo_window.actions_.backups
    wait_for_all(10_000)
    qtbot.waitUntil(lambda: not backups.jobs, timeout=10_000)
    assert [s.reason.value for s in list_snapshots(demo_window.context.ws.path)] == ["auto"]  # taken at open
    file_action(demo_window, "restoreBackupAction").trigger()
    dialog = backups.dialog
    assert dialog is not None and dialog.model.rowCount() == 1
    assert dialog.model.item(0, 3).text() != "—"  # partners counted
    PartnerService(demo_window.context.ws).create(name="Added After The Backup", kind=PartnerKind.AGENCY)
    assert "Added After The Backup" in partners(demo_window)
    dialog.table.selectRow(0)
    dialog.confirm_restore()
    box = dialog.confirm_box
    assert box is not None
    restore = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    restore.click()
    assert demo_window.context.workspace is not None
    assert "Added After The Backup" not in partners(demo_window)
    reasons = sorted(s.reason.value for s in list_snapshots(demo_window.context.ws.path))
    assert reasons == ["auto", "restore"]  # the replaced file was backed up first
    assert "restored" in demo_window.statusBar().currentMessage()


def test_a_failed_integrity_check_offers_the_latest_good_backup(demo_window, qtbot,  # type: ignore[no-untyped-def]
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from partnerdesk.store import workspace as wsmod

    demo_window.start()
    backups = demo_window.actions_.backups
    qtbot.waitUntil(lambda: not backups.jobs, timeout=10_000)
    monkeypatch.setattr(wsmod, "integrity_problems", lambda path, limit=20: ["*** in database main ***"])
    backups.check_and_snapshot()
    qtbot.waitUntil(lambda: backups.problem_box is not None, timeout=10_000)
    box = backups.problem_box
    assert "failed its integrity check" in box.text() and "latest good backup" in box.informativeText()
    offer = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    offer.click()
    assert backups.dialog is not None and backups.dialog.objectName() == "restoreDialog"
    assert len(list_snapshots(demo_window.context.ws.path)) == 1  # a damaged file never pushes a backup out


def test_a_refused_damaged_workspace_can_be_restored_from_the_file_menu(make_trust_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.services.backups import create_backup
    from partnerdesk.store.workspace import open_workspace
    from tests.trust.test_backups import damage_table

    path = tmp_path / "w.pdk"
    with open_workspace(path) as ws:
        PartnerService(ws).create(name="Safe In The Backup", kind=PartnerKind.AGENCY)
        create_backup(ws)
    damage_table(path, "partners")
    window = make_trust_window(path)
    assert window.context.workspace is None and window.panel.mode == "error"
    assert "damaged" in window.panel.message.text()
    action = file_action(window, "restoreBackupAction")
    assert action.isEnabled()
    action.trigger()
    dialog = window.actions_.backups.dialog
    assert dialog.model.rowCount() == 1 and not dialog.back_up_button.isVisible()
    dialog.table.selectRow(0)
    dialog.confirm_restore()
    box = dialog.confirm_box
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()
    assert window.context.workspace is not None
    assert partners(window) == ["Safe In The Backup"]
    damaged = [p.name for p in list_snapshots(path) if p.reason.value == "restore"]
    folder = list_snapshots(path)[0].path.parent
    assert damaged or any(p.name.startswith("damaged-") for p in folder.iterdir())  # the damaged file was kept
