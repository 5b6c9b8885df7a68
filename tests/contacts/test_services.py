"""Partner and contact services: validation, owner rule, expansion decision, merge, import, search."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from partnerdesk.domain.enums import Action, Channel, PartnerKind, PartnerStage, Seniority
from partnerdesk.domain.errors import ValidationError
from partnerdesk.domain.partners import next_review, notice_deadline
from partnerdesk.interop import vcard
from partnerdesk.interop.records import ContactRecord
from partnerdesk.services.contacts import ContactService, DuplicateChoice, ImportFailedError
from partnerdesk.services.partners import PartnerService
from partnerdesk.store.models import ActivityLog, Contact, Partner, ScopeItem, TeamMember
from partnerdesk.store.search import search


@pytest.fixture
def team(workspace):  # type: ignore[no-untyped-def]
    with workspace.transaction() as s:
        s.add_all([TeamMember(name="Ana", is_me=True, seniority=Seniority.SENIOR),
                   TeamMember(name="Rui", seniority=Seniority.NEW_HIRE)])
    with workspace.session() as s:
        return {m.name: m.id for m in s.scalars(select(TeamMember))}


def test_junior_as_owner_one_warns_senior_does_not(workspace, team) -> None:  # type: ignore[no-untyped-def]
    svc = PartnerService(workspace)
    bad = svc.create(name="Tokyo Express", kind=PartnerKind.LOGISTICS, owner_id=team["Rui"], second_id=team["Ana"])
    assert bad.warnings and "Rui" in bad.warnings[0]
    good = svc.update(bad.id, owner_id=team["Ana"], second_id=team["Rui"])
    assert good.warnings == []


def test_partner_validation_loses_nothing(workspace, team) -> None:  # type: ignore[no-untyped-def]
    svc = PartnerService(workspace)
    pid = svc.create(name="Atene Moda", kind=PartnerKind.AGENCY, time_zone="Europe/Athens").id
    with pytest.raises(ValidationError) as err:
        svc.update(pid, time_zone="Mars/Olympus", name="Changed")
    assert err.value.field == "time_zone"
    with pytest.raises(ValidationError):
        svc.create(name="atene moda", kind=PartnerKind.AGENCY)
    with pytest.raises(ValidationError):
        svc.update(pid, score_experience=7)
    with workspace.session() as s:
        assert s.get(Partner, pid).name == "Atene Moda"


def test_expansion_is_a_recorded_decision(workspace, team) -> None:  # type: ignore[no-untyped-def]
    svc = PartnerService(workspace)
    pid = svc.create(name="Souq", kind=PartnerKind.MARKETPLACE, stage=PartnerStage.PILOT).id
    item = svc.add_scope_item(pid, "Listing of 50 SKUs").id
    with pytest.raises(ValidationError):
        svc.decide_expansion(pid, "  ")
    svc.decide_expansion(pid, "Pilot sold 3x the target", [item])
    with workspace.session() as s:
        assert s.get(Partner, pid).stage == PartnerStage.EXPANDED
        assert s.get(ScopeItem, item).phase.value == "expansion"
        log = s.scalars(select(ActivityLog).where(ActivityLog.action == Action.MOVE)).one()
        assert log.summary == "Pilot sold 3x the target" and log.changes["stage"] == ["pilot", "expanded"]


def test_contract_dates_and_interactions(workspace, team) -> None:  # type: ignore[no-untyped-def]
    assert next_review(dt.date(2026, 1, 31), 3, dt.date(2026, 5, 1)) == dt.date(2026, 7, 31)
    assert notice_deadline(dt.date(2027, 1, 31), 30) == dt.date(2027, 1, 1)
    svc = PartnerService(workspace)
    pid = svc.create(name="Lisboa Log", kind=PartnerKind.LOGISTICS).id
    with pytest.raises(ValidationError):
        svc.save_contract(pid, start_on=dt.date(2026, 2, 1), end_on=dt.date(2026, 1, 1))
    svc.save_contract(pid, start_on=dt.date(2026, 1, 1), review_every_months=6, notice_days=60)
    with pytest.raises(ValidationError):
        svc.add_interaction(pid, Channel.CALL, "")
    svc.add_interaction(pid, Channel.CALL, "Kick-off", follow_up_on=dt.date.today() + dt.timedelta(days=3))
    assert {r.entity for r in _log(workspace)} >= {"partner", "contract", "interaction"}


def _log(workspace):  # type: ignore[no-untyped-def]
    with workspace.session() as s:
        return list(s.scalars(select(ActivityLog)))


def test_merge_keeps_best_value_of_each_field(workspace, team) -> None:  # type: ignore[no-untyped-def]
    svc = ContactService(workspace)
    a, _ = svc.create(display_name="Giulia", emails=["giulia@moda.it"], tags=["VIP"])
    b, _ = svc.create(display_name="Giulia Rossi", role="Buyer", emails=["g.rossi@moda.it", "GIULIA@moda.it"],
                      phones=[{"value": "+39 333 1", "type": "mobile"}], photo=b"\xff\xd8x", photo_mime="image/jpeg",
                      advisory_board=True, tags=["Board"])
    svc.merge(a, b)
    with workspace.session() as s:
        c = s.get(Contact, a)
        assert s.get(Contact, b) is None
        assert c.display_name == "Giulia Rossi" and c.role == "Buyer" and c.advisory_board
        assert [e["value"] for e in c.emails] == ["giulia@moda.it", "g.rossi@moda.it"]
        assert c.photo == b"\xff\xd8x" and c.tags == ["Board", "VIP"]


def test_delete_then_restore_is_lossless(workspace, team) -> None:  # type: ignore[no-untyped-def]
    svc = ContactService(workspace)
    cid, _ = svc.create(display_name="Ελένη", emails=["e@x.gr"], notes="σημείωση")
    data, _ = svc.delete(cid)
    svc.restore(data)
    assert svc.get_snapshot(cid) == data


def _plan(svc, records, partner_id=None):  # type: ignore[no-untyped-def]
    return svc.plan_import(records, [], partner_id)


def test_import_detects_duplicates_by_email_phone_and_name(workspace, team) -> None:  # type: ignore[no-untyped-def]
    psvc, svc = PartnerService(workspace), ContactService(workspace)
    pid = psvc.create(name="Souq", kind=PartnerKind.MARKETPLACE).id
    svc.create(display_name="Ahmed", emails=["ahmed@souq.ae"], partner_id=pid)
    svc.create(display_name="Layla", phones=["+971 50 123 4567"], partner_id=pid)
    svc.create(display_name="Omar Haddad", partner_id=pid)
    records = [ContactRecord(display_name="A. M.", emails=[{"value": "AHMED@souq.ae", "type": "work"}]),
               ContactRecord(display_name="L", phones=[{"value": "00971501234567", "type": "mobile"}]),
               ContactRecord(display_name="omar  haddad"),
               ContactRecord(display_name="Brand New")]
    plan = _plan(svc, records, pid)
    assert {i: d.reason for i, d in plan.duplicates.items()} == {0: "email", 1: "phone", 2: "name"}
    summary = svc.apply_import(plan, on_duplicate=DuplicateChoice.SKIP, partner_id=pid,
                               choices={0: DuplicateChoice.MERGE, 2: DuplicateChoice.NEW})
    assert (summary.imported, summary.merged, summary.skipped, summary.failed) == (2, 1, 1, 0)


def test_import_matches_a_name_at_the_partner_named_by_the_organisation(workspace, team) -> None:  # type: ignore[no-untyped-def]
    """An Outlook card names the company in ORG only: the same person at that partner is a duplicate."""
    psvc, svc = PartnerService(workspace), ContactService(workspace)
    pid = psvc.create(name="Sakura Commerce", kind=PartnerKind.MARKETPLACE).id
    svc.create(display_name="Haruka Sato", partner_id=pid)
    records = [ContactRecord(display_name="Haruka Sato", organization="Sakura Commerce"),
               ContactRecord(display_name="Haruka Sato", organization="Other Company")]
    plan = _plan(svc, records)  # no partner chosen in the dialog
    assert {i: d.reason for i, d in plan.duplicates.items()} == {0: "name"}


def test_broken_file_imports_nothing_partial_imports_good_ones(workspace, team) -> None:  # type: ignore[no-untyped-def]
    svc = ContactService(workspace)
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad\r\n"
    result = vcard.read_vcards(data)
    plan = svc.plan_import(result.records, result.errors)
    with pytest.raises(ImportFailedError) as err:
        svc.apply_import(plan)
    assert "record 2 (line 5)" in err.value.message
    with workspace.session() as s:
        assert s.scalar(select(Contact.id)) is None
    summary = svc.apply_import(plan, allow_partial=True)
    assert (summary.imported, summary.failed) == (1, 1)


@pytest.mark.parametrize("query,expected", [
    ("conceicao", "Conceição Ferreira"), ("CONCEIÇÃO", "Conceição Ferreira"),
    ("nicco", "Niccolò Bianchi"), ("καλημερα", "Καλημέρα Ελλάς"), ("ΕΛΛΑΣ", "Καλημέρα Ελλάς"),
    ("日本", "日本語 商事"), ("商", "日本語 商事"), ("المنصور", "أحمد المنصور"), ("sofia@", "Sofia"),
    ("ΉΛΙ", "Ήλιος"), ("ηλ", "Ήλιος"), ("محمد", "مُحَمَّد"), ("citta", "Città Moda"),
])
def test_search_all_scripts(workspace, team, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    svc = ContactService(workspace)
    for name in ("Conceição Ferreira", "Niccolò Bianchi", "Καλημέρα Ελλάς", "日本語 商事", "أحمد المنصور", "Ήλιος",
                 "مُحَمَّد", "Città Moda"):
        svc.create(display_name=name)
    svc.create(display_name="Sofia", emails=["sofia@example.gr"])
    with workspace.session() as s:
        assert [h.title for h in search(s, query)] == [expected]


def test_search_follows_edits_and_deletes(workspace, team) -> None:  # type: ignore[no-untyped-def]
    svc = ContactService(workspace)
    cid, _ = svc.create(display_name="Paolo")
    svc.update(cid, display_name="Paola")
    with workspace.session() as s:
        assert search(s, "paolo") == [] and search(s, "paola")[0].id == cid
    svc.delete(cid)
    with workspace.session() as s:
        assert search(s, "paola") == []


def test_search_covers_work_items_and_events_written_by_any_service(workspace, team) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.store.models import Event, WorkItem, WorkStatus

    now = dt.datetime.now(dt.UTC)
    with workspace.transaction() as s:
        status = s.scalars(select(WorkStatus)).first()
        s.add(WorkItem(title="Traduzir catálogo para o Japão", status_id=status.id, status_changed_at=now))
        s.add(Event(uid="e1", title="Συνάντηση αξιολόγησης", starts_at=now, ends_at=now))
    with workspace.session() as s:
        assert [h.kind for h in search(s, "catalogo")] == ["work_item"]
        assert [h.kind for h in search(s, "συναντηση")] == ["event"]
    with workspace.transaction() as s:
        s.scalars(select(WorkItem)).one().deleted_at = now
    with workspace.session() as s:
        assert search(s, "catalogo") == []


def test_merge_keeps_the_kept_contacts_settings_and_fills_gaps(workspace, team) -> None:  # type: ignore[no-untyped-def]
    svc = ContactService(workspace)
    a, _ = svc.create(display_name="Giulia", time_zone="Europe/Rome")
    b, _ = svc.create(display_name="Giulia R.", time_zone="America/Sao_Paulo", locale="pt-BR",
                      notes="Prefers calls after 15:00")
    svc.merge(a, b)
    merged = svc.get_snapshot(a)
    assert merged["time_zone"] == "Europe/Rome"  # not the longer zone name
    assert merged["locale"] == "pt-BR" and merged["notes"] == "Prefers calls after 15:00"


def test_duplicate_names_ignore_accents_case_and_spacing_but_not_japanese_voicing() -> None:
    from partnerdesk.services.contacts import normalise_name

    assert normalise_name("  Conceição   Ferreira ") == normalise_name("conceicao ferreira")
    assert normalise_name("Ελένη Παπαδοπούλου") == normalise_name("ελενη παπαδοπουλου")
    assert normalise_name("かとう") != normalise_name("がとう")  # Katō and Gatō are different people
