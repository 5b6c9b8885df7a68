"""E-mail and phone types are stored as vCard words and shown in the UI language in the contact dialog's rows."""

from __future__ import annotations

from partnerdesk import l10n
from partnerdesk.ui.contacts.dialog import ContactDialog


def _shown(edit) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    from partnerdesk.ui.pickers.typed_rows import _Row

    return [(row.kind_box.currentText(), row.value.text()) for row in edit.findChildren(_Row)]


def test_types_show_in_the_ui_language_and_are_stored_as_vcard_words(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    values = {"given_name": "Ana", "family_name": "Lima",
              "emails": [{"type": "work", "value": "ana@loja.com.br"}],
              "phones": [{"type": "mobile", "value": "+55 11 91234-5678"}, {"type": "cell", "value": "+55 11 1"}]}
    try:
        l10n.set_language("pt")
        dialog = ContactDialog(workspace, values)
        qtbot.addWidget(dialog)
        assert _shown(dialog.emails) == [("Trabalho", "ana@loja.com.br")]
        phones = _shown(dialog.phones)
        assert [value for _label, value in phones] == ["+55 11 91234-5678", "+55 11 1"]
        assert phones[0][0] == phones[1][0] != "Mobile"  # "cell" is read as mobile, shown in Portuguese
        collected = dialog.collect()
        assert [p["type"] for p in collected["phones"]] == ["mobile", "mobile"]
        assert collected["emails"] == [{"type": "work", "value": "ana@loja.com.br"}]
    finally:
        l10n.set_language("en")
