"""Contacts → "Group by partner" shows a header row per partner (name and count, spanning the table) that is not a
contact: it cannot be selected, the arrow keys pass over it, and sorting orders the contacts inside each group
(through the main window)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt

from partnerdesk.ui.contacts.groups import HEADER_ROLE
from partnerdesk.ui.contacts.model import ID_ROLE, NAME, PARTNER, PARTNER_ID_ROLE
from partnerdesk.ui.views_registry import VIEWS


def _contacts(window: Any) -> Any:
    window.start()
    window.actions_.view_actions[[k for k, *_r in VIEWS].index("contacts")].trigger()
    view = window.current_view()
    view.group.click()  # the "Group by partner" box, as a user ticks it
    assert view.group.isChecked()
    return view


def test_group_headers_name_each_partner_with_its_count(demo_window: Any) -> None:
    view = _contacts(demo_window)
    rows = view.table.model()
    headers = rows.header_rows()
    assert headers[0] == 0 and len(headers) >= 5
    contacts = rows.rowCount() - len(headers)
    assert contacts == view.proxy.rowCount()  # every contact once, plus one header per partner
    for n, row in enumerate(headers):
        end = headers[n + 1] if n + 1 < len(headers) else rows.rowCount()
        members = range(row + 1, end)
        partner_names = {rows.index(r, PARTNER).data() for r in members}
        assert len(partner_names) == 1  # a group holds one partner's contacts
        partner = partner_names.pop() or "No partner"
        count = len(members)
        assert rows.index(row, 0).data() == f"{partner} · {count} contact{'s' if count != 1 else ''}"
        assert view.table.columnSpan(row, 0) == rows.columnCount()  # the header spans the table
        assert not rows.flags(rows.index(row, 0)) & Qt.ItemFlag.ItemIsSelectable
    names = [rows.index(r, 0).data().split(" · ")[0] for r in headers]
    named = [n for n in names if n != "No partner"]
    assert named == sorted(named, key=str.casefold)  # groups by partner name
    titles = [rows.headerData(c, Qt.Orientation.Horizontal) for c in range(rows.columnCount())]
    assert titles == [view.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(rows.columnCount())]
    assert titles[:2] == ["Name", "Partner"]
    view.group.click()
    assert rows.header_rows() == [] and rows.rowCount() == view.proxy.rowCount()
    assert view.table.columnSpan(0, 0) == 1


def test_headers_cannot_be_selected_and_arrow_keys_pass_them(demo_window: Any, qtbot: Any) -> None:
    view = _contacts(demo_window)
    rows = view.table.model()
    view.table.selectAll()
    assert len(view.selected_ids()) == view.proxy.rowCount()
    selected_rows = {i.row() for i in view.table.selectionModel().selectedRows()}
    assert not selected_rows & set(rows.header_rows())
    second = rows.header_rows()[1]
    last_of_first = second - 1
    view.table.setFocus()
    view.table.selectionModel().setCurrentIndex(
        rows.index(last_of_first, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.table.currentIndex().row() == second + 1  # over the next partner's header to its first contact
    assert view.selected_ids() == [rows.index(second + 1, 0).data(ID_ROLE)]
    qtbot.keyClick(view.table, Qt.Key.Key_Up)
    assert view.table.currentIndex().row() == last_of_first
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.table.visualRect(rows.index(second, 0)).center())
    assert second not in {i.row() for i in view.table.selectionModel().selectedRows()}
    assert view.edit_button.isEnabled() == (len(view.selected_ids()) == 1)


def test_sorting_orders_contacts_inside_groups(demo_window: Any) -> None:
    view = _contacts(demo_window)
    rows = view.table.model()

    def groups() -> list[tuple[Any, list[str]]]:
        out: list[tuple[Any, list[str]]] = []
        for r in range(rows.rowCount()):
            if rows.index(r, 0).data(HEADER_ROLE):
                out.append((rows.index(r, 0).data(PARTNER_ID_ROLE), []))
            else:
                out[-1][1].append(rows.index(r, NAME).data())
        return out

    view.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    ascending = groups()
    assert all(names == sorted(names, key=str.casefold) for _pid, names in ascending)
    view.table.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    descending = groups()
    assert [pid for pid, _n in descending] == [pid for pid, _n in ascending]  # the groups stay in place
    assert all(names == sorted(names, key=str.casefold, reverse=True) for _pid, names in descending)
    assert any(len(names) > 1 for _pid, names in descending)
    view.table.sortByColumn(PARTNER, Qt.SortOrder.DescendingOrder)
    named = [pid for pid, _n in groups() if pid is not None]
    assert named == [pid for pid, _n in ascending if pid is not None][::-1]  # the groups reverse


def test_a_selected_contact_stays_selected_when_grouping(demo_window: Any) -> None:
    view = _contacts(demo_window)
    view.group.click()  # off again
    cid = view.table.model().index(5, 0).data(ID_ROLE)
    view.select_contact(cid)
    view.group.click()
    assert view.selected_ids() == [cid]
    assert view.table.model().index(view.table.currentIndex().row(), 0).data(ID_ROLE) == cid
