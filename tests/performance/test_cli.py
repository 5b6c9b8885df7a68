"""`partnerdesk kpi import` and `partnerdesk scorecard --json`."""

from __future__ import annotations

import json
from pathlib import Path

from partnerdesk.cli import main
from partnerdesk.domain.periods import Period
from partnerdesk.services.kpi_values import KpiService
from partnerdesk.store.workspace import open_workspace

FIXTURES = Path(__file__).parent / "fixtures"


def test_import_then_scorecard_json(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "ws.pdk"
    with open_workspace(db) as ws:
        from partnerdesk.store.models import Partner

        with ws.transaction() as s:
            s.add(Partner(name="Studio Ventura", kind="agency"))
    argv = ["kpi", "import", str(FIXTURES / "ga4_en.csv"), "--partner", "Studio Ventura", "--source",
            "studioventura", "--db", str(db)]
    assert main(argv) == 0
    assert "3 KPI values imported." in capsys.readouterr().out
    assert main(argv) == 0  # again: nothing changes
    assert "0 KPI values imported." in capsys.readouterr().out
    assert main(["scorecard", "--partner", "Studio Ventura", "--period", "2026-10", "--json", "--db", str(db)]) == 0
    data = json.loads(capsys.readouterr().out)
    kpis = {k["key"]: k for k in data["kpis"]}
    assert data["period"] == "2026-10" and kpis["traffic"]["value"] == 2100
    assert kpis["conversion_rate"]["computed"] is True and kpis["traffic"]["computed"] is False
    assert set(kpis["traffic"]) >= {"key", "value", "target", "status", "previous", "last_year", "computed"}
    with open_workspace(db) as ws:
        assert KpiService(ws).entry(1, "revenue", Period.parse("2026-10")).value == 3900.25


def test_cli_errors_are_translated_messages(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "ws.pdk"
    assert main(["kpi", "import", str(FIXTURES / "ga4_nodates.csv"), "--db", str(db)]) != 0
    err = capsys.readouterr().err
    assert "Start date" in err and "Traceback" not in err
    assert main(["--lang", "pt", "scorecard", "--partner", "Nobody", "--db", str(db)]) != 0
    assert "Nobody" in capsys.readouterr().err
