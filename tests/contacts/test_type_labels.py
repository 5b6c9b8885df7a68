"""E-mail and phone types are stored as vCard words and shown, and typed, in the UI language."""

from __future__ import annotations

from partnerdesk import l10n
from partnerdesk.ui.contacts.dialog import ContactDialog


def test_types_show_and_parse_in_the_ui_language(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    values = {"given_name": "Ana", "family_name": "Lima",
              "emails": [{"type": "work", "value": "ana@loja.com.br"}],
              "phones": [{"type": "mobile", "value": "+55 11 91234-5678"}, {"type": "cell", "value": "+55 11 1"}]}
    try:
        l10n.set_language("pt")
        dialog = ContactDialog(workspace, values)
        qtbot.addWidget(dialog)
        assert dialog.emails.toPlainText() == "trabalho: ana@loja.com.br"
        assert dialog.phones.toPlainText().splitlines() == ["celular: +55 11 91234-5678", "celular: +55 11 1"]
        assert dialog.phones.placeholderText().startswith("celular: ")
        dialog.phones.setPlainText("Celular: +55 11 2\ncasa: +55 11 3\nmobile: +55 11 4\nfax: +55 11 5")
        dialog.emails.setPlainText("ana@loja.com.br")
        values = dialog.collect()
        assert [p["type"] for p in values["phones"]] == ["mobile", "home", "mobile", "fax"]
        assert values["emails"] == [{"type": "work", "value": "ana@loja.com.br"}]
        l10n.set_language("ar")
        arabic = ContactDialog(workspace, {"phones": [{"type": "mobile", "value": "+971 50 123 4567"}]})
        qtbot.addWidget(arabic)
        assert arabic.phones.toPlainText() == "جوال: +971 50 123 4567"
    finally:
        l10n.set_language("en")
