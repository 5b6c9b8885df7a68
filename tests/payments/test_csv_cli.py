"""CSV export/import of payments (formula-safe, plain decimals, all-or-nothing) and the payments CLI."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from partnerdesk.cli import main
from partnerdesk.interop.payments_csv import guess_mapping, read_payments_csv
from partnerdesk.services import payments as P
from partnerdesk.services.payment_edits import PaymentService
from partnerdesk.services.payment_files import ImportRejectedError, export_csv, import_payments
from partnerdesk.store.workspace import open_workspace
from tests.conftest import DEMO_TODAY


@pytest.fixture
def demo_copy(demo_file: Path, tmp_path: Path) -> Path:
    db = tmp_path / "demo.pdk"
    shutil.copy(demo_file, db)
    return db


def test_export_is_formula_safe_with_plain_decimals(workspace) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.domain.enums import PartnerKind
    from partnerdesk.store.models import Partner

    with workspace.transaction() as s:
        s.add(Partner(name="=HYPERLINK(1)", kind=PartnerKind.VENDOR))
    pid = P.partner_choices(workspace)[0][0]
    svc = PaymentService(workspace, today=DEMO_TODAY)
    svc.create(partner_id=pid, invoice_ref="+1", amount_minor=1500, currency="JPY", due_on=DEMO_TODAY,
               notes="@note")
    svc.create(partner_id=pid, invoice_ref="B-2", amount_minor=1822500, currency="BRL", due_on=DEMO_TODAY)
    text = export_csv(P.load_rows(workspace), DEMO_TODAY).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "partner,invoice,direction,amount,currency,issued_on,due_on,paid_on,method,status," \
                       "days_overdue,notes"
    assert lines[1].startswith("'=HYPERLINK(1),'+1,payable,1500,JPY,,2026-03-02,,bank_transfer,due_today,0,'@note")
    assert ",18225.00,BRL," in lines[2]


def test_round_trip_into_another_workspace(demo_copy: Path, tmp_path: Path) -> None:
    with open_workspace(demo_copy) as ws:
        rows = P.load_rows(ws)
        data = export_csv(rows, DEMO_TODAY)
        names = P.partner_choices(ws)
    other = tmp_path / "other.pdk"
    with open_workspace(other) as ws2:
        from partnerdesk.domain.enums import PartnerKind
        from partnerdesk.store.models import Partner

        with ws2.transaction() as s:
            s.add_all([Partner(name=name, kind=PartnerKind.VENDOR) for _pid, name in names])
        result = read_payments_csv(data)
        assert not result.errors
        import_payments(PaymentService(ws2), result.records)
        back = P.load_rows(ws2)
    key = lambda r: (r.partner_name, r.invoice_ref, r.direction, r.amount_minor, r.currency, r.issued_on,  # noqa: E731
                     r.due_on, r.paid_on, r.method, r.notes)
    assert sorted(map(key, back)) == sorted(map(key, rows))


def test_import_is_all_or_nothing_and_lists_every_bad_row(demo_copy: Path) -> None:
    csv = ("Contact,Invoice Number,Type,Total,Currency,Due Date,Paid Date\n"
           "Rota Sul Logística,NEW-1,Bill,\"1,250.00\",BRL,2026-04-01,\n"
           "Nobody Ltd,NEW-2,Bill,10.00,EUR,2026-04-01,\n"
           "Rota Sul Logística,NEW-3,Bill,10.5,JPY,2026-04-01,\n"
           "Rota Sul Logística,NEW-4,Bill,10.00,EUR,01/04/2026,2099-01-01\n"
           "Rota Sul Logística,NEW-5,Bill,10.00,XYZ,2026-04-01,\n").encode()
    result = read_payments_csv(csv)
    with open_workspace(demo_copy) as ws:
        before = len(P.load_rows(ws))
        with pytest.raises(ImportRejectedError) as info:
            import_payments(PaymentService(ws, today=DEMO_TODAY), result.records, result.errors)
        assert [e.line for e in info.value.errors] == [3, 4, 5, 6]
        assert "Nobody Ltd" in info.value.message and "Line 5" in info.value.message
        assert len(P.load_rows(ws)) == before
        good = read_payments_csv(csv.split(b"\n")[0] + b"\n" + csv.split(b"\n")[1] + b"\n")
        import_payments(PaymentService(ws, today=DEMO_TODAY), good.records, good.errors)
        new = [r for r in P.load_rows(ws) if r.invoice_ref == "NEW-1"]
        assert new and new[0].amount_minor == 125000 and new[0].due_on == dt.date(2026, 4, 1)


def test_header_mapping_of_accounting_tools() -> None:
    headers = ["ContactName", "InvoiceNumber", "InvoiceDate", "DueDate", "Total", "CurrencyCode", "Description"]
    assert sorted(guess_mapping(headers).values()) == sorted(
        ["partner", "invoice_ref", "issued_on", "due_on", "amount", "currency", "notes"])


def test_cli_json_aging_import_export(demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    day = (DEMO_TODAY + dt.timedelta(days=20)).isoformat()
    assert main(["payments", "--db", str(demo_copy), "--json", "--status", "overdue", "--date", day]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {r["status"] for r in rows} == {"overdue"}
    assert set(rows[0]) >= {"partner", "invoice", "direction", "amount_minor", "currency", "due_on", "paid_on",
                            "status", "days_overdue"}
    assert all(r["days_overdue"] == (dt.date.fromisoformat(day) - dt.date.fromisoformat(r["due_on"])).days
               for r in rows)
    partner = rows[0]["partner"]
    assert main(["payments", "--db", str(demo_copy), "--json", "--partner", partner.upper(), "--date", day]) == 0
    assert {r["partner"] for r in json.loads(capsys.readouterr().out)} == {partner}
    assert main(["payments", "aging", "--db", str(demo_copy), "--json", "--date", day]) == 0
    aging = json.loads(capsys.readouterr().out)
    assert set(aging["BRL"]) == {"current", "1-30", "31-60", "61-90", "90+"}
    overdue_brl = sum(r["amount_minor"] for r in rows if r["currency"] == "BRL" and r["days_overdue"] <= 30)
    assert aging["BRL"]["1-30"]["amount_minor"] == overdue_brl
    out = tmp_path / "p.csv"
    assert main(["export", "payments", "--db", str(demo_copy), "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["import", "payments", "--db", str(demo_copy), str(out)]) == 1  # every invoice already there
    assert "Nothing was imported" in capsys.readouterr().err
