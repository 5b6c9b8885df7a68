"""Phone numbers compared in E.164 with the partner's (or contact's) country."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from partnerdesk.domain.enums import PartnerKind
from partnerdesk.domain.phones import phone_key, region_for
from partnerdesk.interop.records import ContactRecord
from partnerdesk.services.contacts import ContactService, DuplicateChoice
from partnerdesk.services.partners import PartnerService
from partnerdesk.store.models import Contact, TeamMember


@pytest.mark.parametrize(("raw", "region", "key"), [
    ("+55 11 91234-5678", "", "+5511912345678"),
    ("(11) 91234-5678", "BR", "+5511912345678"),
    ("0055 11 91234 5678", "", "+5511912345678"),
    ("tel:+55-11-91234-5678", "", "+5511912345678"),
    ("+44 (0)20 7946 0958", "", "+442079460958"),
    ("020 7946 0958", "GB", "+442079460958"),
    ("06 1234 5678", "IT", "+390612345678"),  # Italy keeps its leading 0
    ("090-1234-5678", "JP", "+819012345678"),
    ("(11) 91234-5678", "", "11912345678"),  # no country known: digits only, no false match with +55
    ("123", "BR", ""),  # too short to compare
])
def test_phone_key(raw: str, region: str, key: str) -> None:
    assert phone_key(raw, region) == key


def test_region_from_country_language_or_time_zone() -> None:
    assert region_for("br") == "BR"
    assert region_for("", "pt-BR") == "BR"
    assert region_for("", "", "Asia/Tokyo") == "JP"
    assert region_for("", "", "", "America/Sao_Paulo") == "BR"  # the partner's zone
    assert region_for("", "en", "UTC") == ""


@pytest.fixture
def svc(workspace):  # type: ignore[no-untyped-def]
    with workspace.transaction() as s:
        s.add(TeamMember(name="Ana", is_me=True))
    return ContactService(workspace)


def test_national_and_international_forms_match_at_a_brazilian_partner(workspace, svc) -> None:  # type: ignore[no-untyped-def]
    psvc = PartnerService(workspace)
    br = psvc.create(name="Loja Azul", kind=PartnerKind.MARKETPLACE, country="BR",
                     time_zone="America/Sao_Paulo").id
    pt = psvc.create(name="Lisboa Store", kind=PartnerKind.MARKETPLACE, country="PT",
                     time_zone="Europe/Lisbon").id
    svc.create(display_name="Mariana Souza", phones=["+55 11 91234-5678"], partner_id=br)
    records = [ContactRecord(display_name="M. Souza", phones=[{"value": "(11) 91234-5678", "type": "mobile"}],
                             partner="Loja Azul"),
               # the same digits at a Portuguese partner are another number
               ContactRecord(display_name="Outra Pessoa", phones=[{"value": "(11) 91234-5678", "type": "work"}],
                             partner="Lisboa Store")]
    plan = svc.plan_import(records, [])
    assert {i: d.reason for i, d in plan.duplicates.items()} == {0: "phone"}
    assert plan.duplicates[0].contact_name == "Mariana Souza"
    summary = svc.apply_import(plan, on_duplicate=DuplicateChoice.MERGE)
    assert (summary.imported, summary.merged) == (1, 1)
    with workspace.session() as s:
        mariana = s.scalars(select(Contact).where(Contact.partner_id == br)).one()
        assert [p["value"] for p in mariana.phones] == ["+55 11 91234-5678"]  # merged, not listed twice
        assert s.scalars(select(Contact).where(Contact.partner_id == pt)).one().display_name == "Outra Pessoa"


def test_a_contact_keeps_one_copy_of_a_number_written_two_ways(workspace, svc) -> None:  # type: ignore[no-untyped-def]
    br = PartnerService(workspace).create(name="Loja Azul", kind=PartnerKind.MARKETPLACE, country="BR").id
    cid, _changes = svc.create(display_name="Mariana", partner_id=br,
                               phones=["+55 11 91234-5678", "(11) 91234-5678", "(11) 3333-4444"])
    assert [p["value"] for p in svc.get_snapshot(cid)["phones"]] == ["+55 11 91234-5678", "(11) 3333-4444"]
    other, _changes = svc.create(display_name="Mariana S.", phones=["(11) 91234-5678"], partner_id=br)
    svc.merge(cid, other)
    assert [p["value"] for p in svc.get_snapshot(cid)["phones"]] == ["+55 11 91234-5678", "(11) 3333-4444"]


def test_import_dialog_partner_choice_reads_national_numbers(workspace, svc, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QUndoStack

    from partnerdesk.ui.contacts.import_dialog import ImportDialog
    from partnerdesk.ui.context import AppContext, ChangeHub

    br = PartnerService(workspace).create(name="Loja Azul", kind=PartnerKind.MARKETPLACE, country="BR").id
    svc.create(display_name="Mariana Souza", phones=["+55 11 91234-5678"], partner_id=br)
    path = tmp_path / "c.csv"
    path.write_text("Nome,Telefone\r\nM. Souza,(11) 91234-5678\r\n", encoding="utf-8")
    dialog = ImportDialog(AppContext(workspace, QUndoStack(), ChangeHub()), str(path))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.busy())
    assert dialog.plan.duplicates == {}  # no partner, no country: the national form cannot be compared
    dialog.partner.setCurrentIndex(dialog.partner.findData(br))
    qtbot.waitUntil(lambda: not dialog.busy() and bool(dialog.plan.duplicates))
    assert dialog.plan.duplicates[0].reason == "phone"
    dialog.import_button.click()  # skip it: nothing new
    qtbot.waitUntil(lambda: dialog.summary is not None)
    assert dialog.summary.skipped == 1
    with workspace.session() as s:
        assert len(s.scalars(select(Contact)).all()) == 1
