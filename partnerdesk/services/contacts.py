"""Contacts: create, update, delete (with a snapshot to undo), merge keeping each field's best value, and the
import pipeline (duplicate detection with merge / skip / new, one transaction, per-record errors)."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, select

from partnerdesk.domain.enums import Action
from partnerdesk.domain.errors import PartnerDeskError, ValidationError
from partnerdesk.domain.partners import check_time_zone
from partnerdesk.domain.phones import phone_key, region_for
from partnerdesk.domain.text import strip_bidi_controls
from partnerdesk.interop.records import ContactRecord, RecordError
from partnerdesk.l10n import N_
from partnerdesk.services.base import ChangeSet, Service, apply_changes
from partnerdesk.store.dialects import bulk_insert_ids, contact_list_values
from partnerdesk.store.models import Contact, Partner
from partnerdesk.store.models.base import utcnow
from partnerdesk.store.search import index_contact_rows, normalize

CONTACT_FIELDS = ("partner_id", "given_name", "family_name", "display_name", "role", "organization", "emails",
                  "phones", "locale", "time_zone", "advisory_board", "tags", "notes", "photo", "photo_mime")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


#: ``progress(done, total)``: called by long service calls; it may raise to stop them (and roll back).
Progress = Callable[[int, int], None]


class DuplicateChoice(enum.StrEnum):
    SKIP = "skip"
    MERGE = "merge"
    NEW = "new"


class ImportFailedError(PartnerDeskError):
    template = N_("Nothing was imported: record {number} (line {line}) could not be read: {reason}")


def normalise_name(name: str) -> str:
    """The name as duplicates are compared: the search index's accent- and case-insensitive form (Greek tonos
    and Latin accents dropped, Japanese voicing kept: が is not か), with spaces collapsed."""
    return " ".join(normalize(name).split())


def normalise_phone(phone: str, region: str = "") -> str:
    """E.164 when readable (national forms with ``region``), else digits: +971 50 123 4567 == 00971501234567,
    and at a Brazilian partner (11) 91234-5678 == +55 11 91234-5678."""
    return phone_key(phone, region)


def normalise_email(email: str) -> str:
    return email.strip().casefold()


def _clean_list(items: Any, kind: str, region: str = "") -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for item in items or []:
        if isinstance(item, str):
            item = {"value": item, "type": "work"}
        value = str(item.get("value", "")).strip()
        if not value:
            continue
        if kind == "email" and not EMAIL.match(value):
            raise ValidationError(N_("“{value}” is not an email address."), field="emails", value=value)
        key = normalise_email(value) if kind == "email" else normalise_phone(value, region) or value
        if key in seen:
            continue
        seen.add(key)
        out.append({"value": value, "type": str(item.get("type") or "work")})
    return out


def validate_contact(values: dict[str, Any], region: str = "") -> dict[str, Any]:
    """Checked and tidied values; ``region`` reads national phone numbers (same phone listed once)."""
    unknown = set(values) - set(CONTACT_FIELDS)
    if unknown:
        raise ValidationError(N_("Unknown field: {name}"), field=sorted(unknown)[0], name=sorted(unknown)[0])
    for key in ("given_name", "family_name", "display_name", "role", "organization", "notes"):
        if key in values:
            values[key] = strip_bidi_controls(values[key] or "").strip()
    if not values.get("display_name") and ("given_name" in values or "family_name" in values):
        values["display_name"] = " ".join(x for x in (values.get("given_name"), values.get("family_name")) if x)
    if "display_name" in values and not values["display_name"]:
        raise ValidationError(N_("A contact needs a name."), field="display_name")
    if "emails" in values:
        values["emails"] = _clean_list(values["emails"], "email")
    if "phones" in values:
        values["phones"] = _clean_list(values["phones"], "phone", region)
    if values.get("time_zone"):
        check_time_zone(values["time_zone"])
    if "tags" in values:
        values["tags"] = sorted({t.strip() for t in values["tags"] or [] if t and t.strip()}, key=str.casefold)
    return values


def merged_values(keep: dict[str, Any], other: dict[str, Any], region: str = "") -> dict[str, Any]:
    """Each field's best value: the longer/more complete text, the union of emails, phones and tags, a photo
    if either has one, advisory board if either is on it."""
    result: dict[str, Any] = {}
    for key in ("given_name", "family_name", "display_name", "role", "organization"):
        a, b = (keep.get(key) or "").strip(), (other.get(key) or "").strip()
        result[key] = a if len(a) >= len(b) else b  # the more complete text
    for key in ("locale", "time_zone"):  # settings, not text: the kept contact's own, else the other's
        result[key] = (keep.get(key) or "").strip() or (other.get(key) or "").strip()
    notes = [n for n in ((keep.get("notes") or "").strip(), (other.get("notes") or "").strip()) if n]
    if len(notes) == 2 and notes[1] not in notes[0]:
        result["notes"] = notes[0] + "\n\n" + notes[1]
    else:
        result["notes"] = notes[0] if notes else ""
    result["emails"] = _clean_list((keep.get("emails") or []) + (other.get("emails") or []), "email")
    result["phones"] = _clean_list((keep.get("phones") or []) + (other.get("phones") or []), "phone", region)
    result["tags"] = sorted(set(keep.get("tags") or []) | set(other.get("tags") or []), key=str.casefold)
    result["advisory_board"] = bool(keep.get("advisory_board") or other.get("advisory_board"))
    result["partner_id"] = keep.get("partner_id") or other.get("partner_id")
    photo_a, photo_b = keep.get("photo"), other.get("photo")
    if photo_a or photo_b:
        best_is_a = len(photo_a or b"") >= len(photo_b or b"")
        result["photo"] = photo_a if best_is_a else photo_b
        result["photo_mime"] = keep.get("photo_mime") if best_is_a else other.get("photo_mime")
    return result


def snapshot(contact: Contact) -> dict[str, Any]:
    """Every field of a contact, its id and its row version (what an edit starts from)."""
    return {k: getattr(contact, k) for k in ("id", *CONTACT_FIELDS, "row_version")}


@dataclass
class Duplicate:
    record: ContactRecord
    contact_id: int
    contact_name: str
    reason: str  # "email" | "phone" | "name"


@dataclass
class ImportPlan:
    records: list[ContactRecord]
    errors: list[RecordError]
    duplicates: dict[int, Duplicate] = field(default_factory=dict)  # record index -> duplicate
    encoding: str = ""  # how the file was decoded (shown to the user)
    warnings: list[RecordError] = field(default_factory=list)  # records kept with something left out


@dataclass
class ImportSummary:
    imported: int = 0
    merged: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[RecordError] = field(default_factory=list)
    changes: ChangeSet = field(default_factory=ChangeSet)


class ContactService(Service):
    def create(self, **values: Any) -> tuple[int, ChangeSet]:
        values = validate_contact(dict(values))
        if not values.get("display_name"):
            raise ValidationError(N_("A contact needs a name."), field="display_name")
        with self.unit_of_work() as (s, changes):
            if values.get("partner_id"):
                self.get(s, Partner, values["partner_id"])
            if values.get("phones"):
                region = self.region_of(s, values.get("partner_id"), values.get("locale", ""),
                                        values.get("time_zone", ""))
                values["phones"] = _clean_list(values["phones"], "phone", region)
            contact = Contact(**values)
            s.add(contact)
            s.flush()
            self.log(s, "contact", contact.id, Action.CREATE, contact.display_name, partner_id=contact.partner_id)
            changes.add("created", "contact", contact.id)
            return contact.id, changes

    def update(self, contact_id: int, *, expected_version: int | None = None, **values: Any) -> ChangeSet:
        """Change fields; ``expected_version``: the version the edit started from (an edit conflict, nothing
        written, if someone else changed the contact since)."""
        values = validate_contact(dict(values))
        with self.unit_of_work() as (s, changes):
            contact = self.get_at(s, Contact, contact_id, expected_version)
            if values.get("phones"):
                region = self.region_of(s, values.get("partner_id", contact.partner_id),
                                        values.get("locale", contact.locale), values.get("time_zone", contact.time_zone))
                values["phones"] = _clean_list(values["phones"], "phone", region)
            diff = apply_changes(contact, values)
            if diff:
                self.log(s, "contact", contact.id, Action.UPDATE, contact.display_name, diff,
                         partner_id=contact.partner_id)
                changes.add("updated", "contact", contact.id)
            return changes

    def get_snapshot(self, contact_id: int) -> dict[str, Any]:
        with self.workspace.session() as s:
            return snapshot(self.get(s, Contact, contact_id))

    def delete(self, contact_id: int) -> tuple[dict[str, Any], ChangeSet]:
        """Delete; returns the snapshot that :meth:`restore` brings back (undo)."""
        with self.unit_of_work() as (s, changes):
            contact = self.get(s, Contact, contact_id)
            data = snapshot(contact)
            self.log(s, "contact", contact.id, Action.DELETE, contact.display_name, partner_id=contact.partner_id)
            s.delete(contact)
            changes.add("deleted", "contact", contact_id)
            return data, changes

    def restore(self, data: dict[str, Any]) -> ChangeSet:
        with self.unit_of_work() as (s, changes):
            values = dict(data)
            if values.get("partner_id") and s.get(Partner, values["partner_id"]) is None:
                values["partner_id"] = None
            contact = Contact(**values)
            s.add(contact)
            s.flush()
            self.log(s, "contact", contact.id, Action.RESTORE, contact.display_name, partner_id=contact.partner_id)
            changes.add("created", "contact", contact.id)
            return changes

    def merge(self, keep_id: int, other_id: int) -> ChangeSet:
        """Fold ``other`` into ``keep`` (best value per field); ``other`` is deleted, its links moved.

        The ids of the moved links are kept in ``self.last_moved_links`` so an undo can put them back."""
        if keep_id == other_id:
            raise ValidationError(N_("Choose two different contacts to merge."))
        from partnerdesk.store.models import Interaction, Responsibility, WorkItem

        with self.unit_of_work() as (s, changes):
            keep, other = self.get(s, Contact, keep_id), self.get(s, Contact, other_id)
            region = self.region_of(s, keep.partner_id or other.partner_id, keep.locale or other.locale,
                                    keep.time_zone or other.time_zone)
            diff = apply_changes(keep, merged_values(snapshot(keep), snapshot(other), region))
            moved: dict[str, list[int]] = {"work_item": [], "responsibility": [], "interaction": []}
            for item in s.scalars(select(WorkItem).where(WorkItem.responsible_contact_id == other_id)):
                item.responsible_contact_id = keep_id
                moved["work_item"].append(item.id)
            for row in s.scalars(select(Responsibility).where(Responsibility.contact_id == other_id)):
                row.contact_id = keep_id
                moved["responsibility"].append(row.id)
            for interaction in s.scalars(select(Interaction).where(Interaction.contacts.any(Contact.id == other_id))):
                moved["interaction"].append(interaction.id)
                if keep not in interaction.contacts:
                    interaction.contacts.append(keep)
            self.log(s, "contact", keep.id, Action.MERGE, other.display_name,
                     {**diff, "merged_from": [other_id, None]}, partner_id=keep.partner_id)
            s.delete(other)
            changes.add("updated", "contact", keep_id)
            changes.add("deleted", "contact", other_id)
            for entity, ids in moved.items():
                if ids:
                    changes.add("updated", entity, ids)
            self.last_moved_links = moved
            return changes

    def unmerge(self, keep_before: dict[str, Any], other_before: dict[str, Any],
                moved: dict[str, list[int]]) -> ChangeSet:
        """Undo a merge in one transaction: ``keep`` gets its old values, ``other`` comes back with its
        own id and the links that were moved to ``keep`` point to it again."""
        from partnerdesk.store.models import Interaction, Responsibility, WorkItem

        with self.unit_of_work() as (s, changes):
            keep = self.get(s, Contact, keep_before["id"])
            apply_changes(keep, {k: v for k, v in keep_before.items() if k != "id"})
            other = Contact(**other_before)
            s.add(other)
            s.flush()
            for item in s.scalars(select(WorkItem).where(WorkItem.id.in_(moved.get("work_item", [])))):
                item.responsible_contact_id = other.id
            for row in s.scalars(select(Responsibility).where(Responsibility.id.in_(moved.get("responsibility", [])))):
                row.contact_id = other.id
            for interaction in s.scalars(select(Interaction).where(Interaction.id.in_(moved.get("interaction", [])))):
                if other not in interaction.contacts:
                    interaction.contacts.append(other)
            self.log(s, "contact", other.id, Action.RESTORE, other.display_name, partner_id=other.partner_id)
            changes.add("updated", "contact", keep.id)
            changes.add("created", "contact", other.id)
            for entity, ids in moved.items():
                if ids:
                    changes.add("updated", entity, ids)
            return changes

    # -- import / export --------------------------------------------------------------------------------------
    @staticmethod
    def _partner_regions(s: Any) -> dict[int, tuple[str, str]]:
        """Partner id -> (country, time zone), to read national phone numbers."""
        return {i: (c or "", z or "") for i, c, z in s.execute(select(Partner.id, Partner.country, Partner.time_zone))}

    def region_of(self, s: Any, partner_id: int | None, locale: str = "", time_zone: str = "") -> str:
        """The region a contact's national phone numbers belong to."""
        partner = s.get(Partner, partner_id) if partner_id else None
        return region_for(partner.country if partner else "", locale or "", time_zone or "",
                          partner.time_zone if partner else "")

    def _partner_ids(self, s: Any) -> dict[str, int]:
        return {normalise_name(n): i for i, n in s.execute(select(Partner.id, Partner.name)).all()}

    def plan_import(self, records: list[ContactRecord], errors: list[RecordError],
                    partner_id: int | None = None, progress: Progress | None = None) -> ImportPlan:
        """Find each record's existing duplicate (same email, same phone, or same name at the same partner).

        ``progress(done, total)`` is called now and then; it may raise (e.g. CancelledError) to stop."""
        checked, refused = _service_checks(records)
        plan = ImportPlan(checked, sorted([*errors, *refused], key=lambda e: (e.number, e.line)))
        records = checked
        with self.workspace.session() as s:
            partners = self._partner_ids(s)
            by_email: dict[str, tuple[int, str]] = {}
            by_phone: dict[str, tuple[int, str]] = {}
            by_name: dict[tuple[int | None, str], tuple[int, str]] = {}
            for cid, name, value in contact_list_values(s, "emails"):
                by_email.setdefault(normalise_email(value or ""), (cid, name))
            for cid, name, value, country, pzone, locale, zone in contact_list_values(s, "phones",
                                                                                     with_partner=True):
                key = normalise_phone(value or "", region_for(country or "", locale or "", zone or "", pzone or ""))
                if key:
                    by_phone.setdefault(key, (cid, name))
            regions = self._partner_regions(s)
            for cid, name, pid in s.execute(select(Contact.id, Contact.display_name, Contact.partner_id)):
                by_name.setdefault((pid, normalise_name(name)), (cid, name))
        for index, record in enumerate(records):
            if progress is not None and index % 200 == 0:
                progress(index, len(records))
            pid = partner_id or partners.get(normalise_name(record.partner)) if record.partner else partner_id
            if pid is None and record.organization:  # Outlook and Google cards name the company in ORG
                pid = partners.get(normalise_name(record.organization))
            found = None
            for e in record.emails:
                if normalise_email(e["value"]) in by_email:
                    found = (*by_email[normalise_email(e["value"])], "email")
                    break
            if found is None:
                region = _record_region(record, regions.get(pid) if pid else None)
                for p in record.phones:
                    key = normalise_phone(p["value"], region)
                    if key and key in by_phone:
                        found = (*by_phone[key], "phone")
                        break
            if found is None and (pid, normalise_name(record.display_name)) in by_name:
                found = (*by_name[(pid, normalise_name(record.display_name))], "name")
            if found is not None:
                plan.duplicates[index] = Duplicate(record, found[0], found[1], found[2])
        if progress is not None:
            progress(len(records), len(records))
        return plan

    def apply_import(self, plan: ImportPlan, *, on_duplicate: DuplicateChoice = DuplicateChoice.SKIP,
                     choices: dict[int, DuplicateChoice] | None = None, partner_id: int | None = None,
                     allow_partial: bool = False, source: str = "",
                     progress: Progress | None = None) -> ImportSummary:
        """Write the plan in one transaction. With errors and not ``allow_partial``, nothing is written and
        ImportFailedError names the first bad record and line.

        ``progress(done, total)`` is called inside the transaction; an exception it raises (CancelledError
        when the user cancels) rolls everything back."""
        if plan.errors and not allow_partial:
            first = plan.errors[0]
            raise ImportFailedError(number=first.number, line=first.line, reason=first.message)
        from partnerdesk.services.backups import before_import

        before_import(self.workspace, len(plan.records))  # a snapshot before big imports
        summary = ImportSummary(failed=len(plan.errors), errors=list(plan.errors))
        choices = choices or {}
        with self.unit_of_work() as (s, changes):
            if partner_id is not None:
                self.get(s, Partner, partner_id)
            partners = self._partner_ids(s)
            regions = self._partner_regions(s)
            new_rows: list[dict[str, Any]] = []
            total = len(plan.records)
            for index, record in enumerate(plan.records):
                if progress is not None and index % 200 == 0:
                    progress(index, total)
                duplicate = plan.duplicates.get(index)
                choice = choices.get(index, on_duplicate) if duplicate else DuplicateChoice.NEW
                pid = partner_id or (partners.get(normalise_name(record.partner)) if record.partner else None)
                values = _record_values(record, pid)
                region = _record_region(record, regions.get(pid) if pid else None)
                try:
                    values = validate_contact(values, region)
                except ValidationError as exc:
                    if not allow_partial:  # all or nothing: the transaction is rolled back
                        raise ImportFailedError(number=record.number, line=record.line, reason=exc.message) from exc
                    summary.failed += 1
                    summary.errors.append(RecordError(record.number, record.line, exc.message))
                    continue
                if choice == DuplicateChoice.SKIP:
                    summary.skipped += 1
                elif choice == DuplicateChoice.MERGE and duplicate is not None:
                    target = s.get(Contact, duplicate.contact_id)
                    if target is None:
                        summary.skipped += 1
                        continue
                    diff = apply_changes(target, merged_values(snapshot(target), values, region))
                    self.log(s, "contact", target.id, Action.MERGE, source or record.display_name, diff,
                             partner_id=target.partner_id)
                    changes.add("updated", "contact", target.id)
                    summary.merged += 1
                else:
                    new_rows.append(values)
                    summary.imported += 1
            s.flush()
            if new_rows:
                # One executemany for the new rows: the ORM's per-object bookkeeping was most of a 10,000-card
                # import. The search index is written here, as the flush hook does not see them.
                con = s.connection()
                ids = _insert_many(con, new_rows)
                index_contact_rows(con, zip(ids, new_rows, strict=True))
                changes.add("created", "contact", ids)
                self.log(s, "contact", ids[0], Action.IMPORT, source, {"count": [None, len(ids)]},
                         partner_id=partner_id)
            if progress is not None:
                progress(total, total)  # the last chance to cancel: the commit follows
        summary.changes = changes
        return summary

    def export_records(self, partner_id: int | None = None) -> list[ContactRecord]:
        with self.workspace.session() as s:
            names: dict[int | None, str] = dict(s.execute(select(Partner.id, Partner.name)).tuples().all())
            query = select(Contact).order_by(Contact.display_name)
            if partner_id is not None:
                query = query.where(Contact.partner_id == partner_id)
            return [ContactRecord(
                display_name=c.display_name, given_name=c.given_name, family_name=c.family_name,
                organization=c.organization, role=c.role, emails=list(c.emails or []), phones=list(c.phones or []),
                notes=c.notes, tags=list(c.tags or []), photo=c.photo, photo_mime=c.photo_mime,
                time_zone=c.time_zone, locale=c.locale, advisory_board=c.advisory_board,
                partner=names.get(c.partner_id, "")) for c in s.scalars(query)]

    def partner_id_by_name(self, name: str) -> int:
        from partnerdesk.domain.errors import NotFoundError

        with self.workspace.session() as s:
            found = self._partner_ids(s).get(normalise_name(name))
        if found is None:
            raise NotFoundError(N_("No partner is named “{name}”."), name=name)
        return found


_RECORD_FIELDS = tuple(k for k in CONTACT_FIELDS if k in ContactRecord.__dataclass_fields__)


_INSERT_COLUMNS = (*CONTACT_FIELDS, "created_at", "updated_at")


def _insert_many(con: Any, rows: list[dict[str, Any]]) -> list[int]:
    """INSERT the new contacts in one bulk statement; their ids in order."""
    table = cast(Table, Contact.__table__)  # declared as FromClause; a mapped class's table is a Table
    now = utcnow()
    for values in rows:
        values.setdefault("photo", None)
        values["created_at"] = values["updated_at"] = now
    return bulk_insert_ids(con, table, _INSERT_COLUMNS, rows)


def _service_checks(records: list[ContactRecord]) -> tuple[list[ContactRecord], list[RecordError]]:
    """Records that pass the checks a contact must pass to be saved, and errors for the others (an e-mail such
    as ``a@b``), so the preview lists them and an import without ``allow_partial`` writes nothing."""
    kept: list[ContactRecord] = []
    refused: list[RecordError] = []
    for record in records:
        bad = next((e["value"] for e in record.emails if str(e.get("value", "")).strip()
                    and not EMAIL.match(str(e["value"]).strip())), None)
        if bad is not None:
            refused.append(RecordError(record.number, record.line, ValidationError(
                N_("“{value}” is not an email address."), value=str(bad).strip()).message))
        elif not record.display_name.strip():
            refused.append(RecordError(record.number, record.line,
                                       ValidationError(N_("A contact needs a name.")).message))
        else:
            kept.append(record)
    return kept, refused


def _record_region(record: ContactRecord, partner: tuple[str, str] | None) -> str:
    country, zone = partner or ("", "")
    return region_for(country, record.locale or "", record.time_zone or "", zone)


def _record_values(record: ContactRecord, partner_id: int | None) -> dict[str, Any]:
    # Not dataclasses.asdict: its deep copy was a third of a 10,000-card import.
    values: dict[str, Any] = {k: getattr(record, k) for k in _RECORD_FIELDS}
    for key in ("emails", "phones"):
        values[key] = [dict(item) for item in values[key]]
    values["tags"] = list(values["tags"])
    values["partner_id"] = partner_id
    if values.get("time_zone"):
        try:
            check_time_zone(values["time_zone"])
        except ValidationError:
            values["time_zone"] = ""
    return values
