"""Printing the board and exporting the visible cards as CSV: the current filter decides what goes out."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

from partnerdesk.services.board_query import BoardFilter
from partnerdesk.services.work_items import WorkItemService
from partnerdesk.ui.kanban import menus
from partnerdesk.ui.kanban.printing import make_printer, paint_board
from tests.kanban.conftest import add_people, status_id


def _fill(view) -> None:  # type: ignore[no-untyped-def]
    ws = view.context.ws
    partners = dict((n, i) for i, n in view.state.query.partners())
    svc = WorkItemService(ws)
    svc.create(status_id(ws, "pending"), "=HYPERLINK(\"http://x\")", partner_id=partners["Kyma Hotels"],
               tags=["billing"])
    svc.create(status_id(ws, "at_risk"), "Photo shoot Kyma", partner_id=partners["Kyma Hotels"])
    svc.create(status_id(ws, "done"), "Sakura catalogue", partner_id=partners["Sakura Commerce"])
    view.reload()
    view.filter_bar.set_filter(BoardFilter(partner_id=partners["Kyma Hotels"]))


def test_csv_export_has_only_visible_cards_and_is_formula_safe(open_board, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = open_board(tmp_path / "c.pdk", prepare=add_people)
    _fill(view)
    target = tmp_path / "out.csv"
    menus.export_csv(view, str(target))
    text = target.read_bytes().decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Title,Column,Partner,Responsible,Priority,Due,Tags")
    assert len(lines) == 3 and "Sakura catalogue" not in text
    assert lines[1].startswith("\"'=HYPERLINK") and ",Pending,Kyma Hotels," in lines[1]
    assert lines[2].startswith("Photo shoot Kyma,At Risk,Kyma Hotels")
    assert view.export_message == "Exported 2 cards."


def test_print_is_landscape_fits_the_width_and_follows_the_filter(open_board, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = open_board(tmp_path / "p.pdk", prepare=add_people)
    _fill(view)
    view.set_lane_mode("partner")
    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    pdf = tmp_path / "board.pdf"
    printer.setOutputFileName(str(pdf))
    pages = paint_board(printer, view.state, view.board_columns, view.grid.lanes, "Board", False, view.font())
    assert pages == 1 and pdf.stat().st_size > 1000
    assert printer.pageLayout().orientation() == printer.pageLayout().Orientation.Landscape
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Photo shoot Kyma" in text and "Kyma Hotels" in text and "Sakura catalogue" not in text
        assert "Pending" in text and "Done" in text  # every column, scaled to the page width
    else:  # pragma: no cover - poppler is installed on CI
        pytest.skip("pdftotext missing")

    menus.print_board(view)
    assert isinstance(view.print_dialog, QPrintPreviewDialog) and view.print_dialog.isVisible()
    view.print_dialog.close()
