"""The fallback tables: real data, translated headers, CLDR dates, lazy fetching, sorting, live refresh."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select

from partnerdesk.domain.enums import PartnerKind, PartnerStage, Priority
from partnerdesk.services.base import ChangeSet
from partnerdesk.store import models as m
from partnerdesk.store.workspace import open_workspace
from partnerdesk.ui.basic_tables import BATCH, ContactsTable, PartnersTable, WorkItemsTable


def _fill(path: Path, contacts: int = 5) -> None:
    with open_workspace(path) as ws, ws.transaction() as s:
        owner = m.TeamMember(name="Marta Lopes")
        s.add(owner)
        p1 = m.Partner(name="Ζαχαροπλαστείο Αθηνών", kind=PartnerKind.VENDOR, stage=PartnerStage.ACTIVE,
                       country="GR", time_zone="Europe/Athens", owner=owner)
        p2 = m.Partner(name="Atlas Logistics", kind=PartnerKind.LOGISTICS, stage=PartnerStage.PILOT,
                       country="BR", time_zone="America/Sao_Paulo")
        s.add_all([p1, p2])
        for i in range(contacts):
            s.add(m.Contact(display_name=f"Contact {i:04d}", partner=p2, role="Buyer",
                            emails=[{"value": f"c{i}@example.com"}]))
        s.add(m.Contact(display_name="山田 花子", partner=p1, advisory_board=True))
        pending = s.scalar(select(m.WorkStatus).where(m.WorkStatus.key == "pending"))
        now = dt.datetime(2026, 3, 9, 10, 0, tzinfo=dt.UTC)
        s.add(m.WorkItem(title="Sign pilot contract", partner=p2, status=pending, priority=Priority.HIGH,
                         due_at=now, status_changed_at=now))
        s.add(m.WorkItem(title="Translate catalogue", partner=p1, status=pending, priority=Priority.LOW,
                         due_at=None, status_changed_at=now))
        s.add(m.Event(uid="e1", title="Monthly brainstorming", starts_at=now, ends_at=now + dt.timedelta(hours=1),
                      rrule="FREQ=MONTHLY", time_zone="Europe/Rome"))


def _column(view, header: str) -> int:  # type: ignore[no-untyped-def]
    model = view.model
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index(header)


def test_tables_show_real_rows_and_status_counts(make_window, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "ws.pdk"
    _fill(path)
    window = make_window(path, "en")
    kanban = WorkItemsTable(window.context)
    assert kanban.model.rowCount() == 2
    titles = {kanban.model.index(r, 0).data() for r in range(2)}
    assert titles == {"Sign pilot contract", "Translate catalogue"}
    due_col = _column(kanban, "Due")
    assert kanban.model.index(0, due_col).data()  # dated item first, formatted
    assert kanban.model.index(0, _column(kanban, "Status")).data() == "Pending"
    window.show_view(_view_index("partners"))
    partners = window.current_view()
    assert partners.model.rowCount() == 2
    countries = {partners.model.index(r, _column(partners, "Country")).data() for r in range(2)}
    assert countries == {"Greece", "Brazil"}
    qtbot.waitUntil(lambda: "2 partners" in window.counts_label.text(), timeout=2000)
    assert "6 contacts" in window.counts_label.text()


def test_dates_and_labels_follow_the_ui_language(make_window, tmp_path: Path) -> None:
    path = tmp_path / "ws.pdk"
    _fill(path)
    window = make_window(path, "en")
    kanban = WorkItemsTable(window.context)
    window.set_language("ja")
    kanban.retranslate_ui()
    due = kanban.model.index(0, 4).data()
    assert "2026/03/09" in due or "2026年3月9日" in due
    assert kanban.model.headerData(0, Qt.Orientation.Horizontal) == "タイトル"
    window.set_language("pt")
    kanban.retranslate_ui()
    assert kanban.model.index(0, 2).data() == "Pendente"
    assert "mar" in kanban.model.index(0, 4).data()
    window.show_view(_view_index("partners"))
    partners = window.current_view()
    assert {partners.model.index(r, 3).data() for r in range(2)} == {"Grécia", "Brasil"}


def test_rows_are_fetched_lazily_and_filter_searches_everything(make_window, tmp_path: Path) -> None:
    path = tmp_path / "ws.pdk"
    _fill(path, contacts=BATCH * 2 + 10)
    window = make_window(path, "en")
    contacts = ContactsTable(window.context)
    total = BATCH * 2 + 11
    assert contacts.model.rowCount() == BATCH
    assert contacts.model.canFetchMore()
    assert len(contacts.model.rows) == BATCH  # values only for fetched rows
    contacts.filter.setText("山田")
    assert contacts.proxy.rowCount() == 1
    assert contacts.model.rowCount() == total
    assert f"1 of {total} shown" in contacts.count_label.text()


def test_sorting_uses_real_values(make_window, tmp_path: Path) -> None:
    path = tmp_path / "ws.pdk"
    _fill(path)
    window = make_window(path, "en")
    kanban = WorkItemsTable(window.context)
    col = _column(kanban, "Priority")
    kanban.table.sortByColumn(col, Qt.SortOrder.AscendingOrder)
    assert kanban.proxy.index(0, col).data() == "High"
    kanban.table.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    assert kanban.proxy.index(0, col).data() == "Low"


def test_hub_changes_refresh_only_the_changed_rows(make_window, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "ws.pdk"
    _fill(path)
    window = make_window(path, "en")
    partners = PartnersTable(window.context)
    ws = window.context.ws
    with ws.transaction() as s:
        atlas = s.scalar(select(m.Partner).where(m.Partner.name == "Atlas Logistics"))
        atlas.stage = PartnerStage.EXPANDED
        atlas_id = atlas.id
    changes = ChangeSet()
    changes.add("updated", "partner", atlas_id)
    with qtbot.waitSignal(partners.model.dataChanged, timeout=1000):
        window.context.hub.announce(changes)
    stages = {partners.model.index(r, 0).data(): partners.model.index(r, 2).data() for r in range(2)}
    assert stages["Atlas Logistics"] == "Expanded"
    with ws.transaction() as s:
        s.add(m.Partner(name="Sakura Payments", kind=PartnerKind.PAYMENTS, stage=PartnerStage.PROSPECT))
        s.flush()
        new_id = s.scalar(select(m.Partner.id).where(m.Partner.name == "Sakura Payments"))
    changes = ChangeSet()
    changes.add("created", "partner", new_id)
    window.context.hub.announce(changes)
    assert partners.model.rowCount() == 3
    assert "3 partners" in window.counts_label.text()


def test_backup_writes_a_consistent_copy(make_window, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    path = tmp_path / "ws.pdk"
    _fill(path)
    target = tmp_path / "copy.pdk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window = make_window(path, "en")
    window.actions_.back_up.trigger()
    assert "Backup saved" in window.statusBar().currentMessage()
    with open_workspace(target) as copy, copy.session() as s:
        assert s.scalar(select(m.Partner.name).where(m.Partner.country == "GR")) == "Ζαχαροπλαστείο Αθηνών"


def test_open_another_workspace_replaces_the_data(make_window, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    first, second = tmp_path / "a.pdk", tmp_path / "b.pdk"
    _fill(first)
    with open_workspace(second):
        pass
    window = make_window(first, "en")
    window.show_view(_view_index("kanban"))
    assert sum(c.cell().rowCount() for c in window.current_view().columns) == 2
    window.context.undo_stack.setIndex(0)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(second), ""))
    window.actions_.open_workspace.trigger()
    assert window.context.ws.path == second
    assert sum(c.cell().rowCount() for c in window.current_view().columns) == 0
    assert "b" in window.windowTitle()
    # the first file is no longer locked
    with open_workspace(first):
        pass


def _view_index(key: str) -> int:
    from partnerdesk.ui.views_registry import VIEWS

    return [k for k, *_rest in VIEWS].index(key)
