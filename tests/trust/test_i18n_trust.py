"""The restore dialog and the import choices speak every interface language."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnerdesk import l10n
from partnerdesk.l10n import ngettext


@pytest.mark.parametrize("lang", ["pt", "ja", "it", "el", "ar"])
def test_restore_dialog_and_partial_choices_are_translated(lang: str, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from partnerdesk.ui.backups.restore_dialog import RestoreDialog

    monkeypatch.setenv("PARTNERDESK_DATA_DIR", str(tmp_path / "data"))
    l10n.set_language(lang)
    dialog = RestoreDialog(tmp_path / "w.pdk", lambda _p: None, lambda: None)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() != "Restore from Backup"
    assert dialog.empty.text() != "There are no backups of this workspace yet."
    assert dialog.back_up_button.text() != "Back Up Now"
    headers = [dialog.model.horizontalHeaderItem(i).text() for i in range(dialog.model.columnCount())]
    assert "Size" not in headers and "Work items" not in headers
    for singular, plural in (("Import the {count} readable record and leave out the broken ones",
                              "Import the {count} readable records and leave out the broken ones"),
                             ("Import the {count} readable event and leave out the broken ones",
                              "Import the {count} readable events and leave out the broken ones")):
        text = ngettext(singular, plural, 3).format(count=3)
        assert text != plural.format(count=3) and "3" in text
