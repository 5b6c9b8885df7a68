"""Build packet dialog, preview, save, print and batch through pytest-qt (offscreen, no printer needed)."""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from partnerdesk.l10n import translations
from partnerdesk.services import packet_builds as pb
from partnerdesk.services.packet_builds import PacketKind
from partnerdesk.store.models import Partner

pytestmark = pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils not installed")


def _pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def _dialog(ctx, qtbot, partner_id=None):  # type: ignore[no-untyped-def]
    from partnerdesk.ui.packets.build_dialog import BuildPacketDialog

    dialog = BuildPacketDialog(ctx, None, partner_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _preview(ctx, qtbot, partner: str = "Casa Lusa Cerâmica"):  # type: ignore[no-untyped-def]
    dialog = _dialog(ctx, qtbot)
    dialog.check_partners([partner])
    assert dialog.preview_button.isEnabled()
    dialog.preview_button.click()
    assert not dialog.preview_button.isEnabled()  # busy while the worker builds
    qtbot.waitUntil(lambda: bool(dialog.previews), timeout=30_000)
    preview = dialog.previews[0]
    qtbot.addWidget(preview)
    return dialog, preview


def test_dialog_defaults_follow_the_checked_partner(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    with ctx.ws.session() as s:
        pid = s.query(Partner.id).filter(Partner.name == "Sakura Commerce").scalar()
    dialog = _dialog(ctx, qtbot, pid)
    assert [p.name for p in dialog.checked_partners()] == ["Sakura Commerce"]
    assert "日本語" in dialog.language.itemText(0)
    assert "A4" in dialog.paper.itemText(0)
    assert dialog.requests()[0].effective_language == "ja"
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.paper.setCurrentIndex(dialog.paper.findData("Letter"))
    request = dialog.requests()[0]
    assert (request.effective_language, request.effective_paper) == ("en", "Letter")
    dialog.filter.setText("tokyo")
    dialog.select_all.click()  # only the partners the filter shows
    assert sorted(p.name for p in dialog.checked_partners()) == ["Sakura Commerce", "Tokyo Support Works"]
    assert not dialog.preview_button.isEnabled() and dialog.batch_button.isEnabled()
    dialog.select_none.click()
    assert [p.name for p in dialog.checked_partners()] == ["Sakura Commerce"]  # hidden by the filter: kept
    dialog.filter.clear()
    dialog.select_none.click()
    assert not dialog.batch_button.isEnabled()
    dialog.kind.setCurrentIndex(dialog.kind.findData(PacketKind.BRAND_GUIDE.value))
    assert dialog.preview_button.isEnabled()  # the brand guide needs no partner


def test_preview_pages_navigation_zoom_and_save(ctx, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog, preview = _preview(ctx, qtbot)
    assert "KB" in dialog.status.text()
    saved = preview.save_to(tmp_path / "packet")  # ".pdf" is added
    assert saved.name == "packet.pdf" and saved.read_bytes().startswith(b"%PDF")
    pages = _pages(saved)
    assert pages >= 4 and preview.page_count == pages
    assert preview.page_count_label.text() == f"of {pages}"
    assert preview.current_page == 0 and not preview.previous_action.isEnabled()
    preview.next_page()
    qtbot.waitUntil(lambda: preview.current_page == 1)
    assert preview.page_spin.value() == 2
    preview.page_spin.setValue(pages)
    qtbot.waitUntil(lambda: preview.current_page == pages - 1)
    assert not preview.next_action.isEnabled()
    preview.previous_page()
    qtbot.waitUntil(lambda: preview.current_page == pages - 2)
    # Zoom: from "fit width" to custom steps and back.
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    fit = preview.effective_zoom()
    preview.zoom_in()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert preview.view.zoomFactor() == pytest.approx(fit * 1.25)
    preview.zoom_out()
    preview.zoom_out()
    assert preview.view.zoomFactor() == pytest.approx(fit / 1.25)
    assert preview.zoom_label.text().endswith("%")
    # Ctrl + wheel zooms like the buttons; a plain wheel scrolls.
    factor = preview.view.zoomFactor()
    viewport = preview.view.viewport()
    wheel = QWheelEvent(QPointF(10, 10), QPointF(10, 10), QPoint(), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, wheel)
    assert preview.view.zoomFactor() == pytest.approx(factor * 1.25)
    preview.fit_page()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitInView
    assert preview.effective_zoom() < fit
    preview.fit_width()
    assert preview.effective_zoom() == pytest.approx(fit)
    # The file name offered by Save as PDF is in the packet's language.
    assert preview.suggested_name == "Pacote de boas-vindas – Casa Lusa Cerâmica (pt).pdf" or \
        preview.suggested_name.endswith("Casa Lusa Cerâmica (pt).pdf")


def test_print_to_pdf_file_renders_every_page_on_white(ctx, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _dialog_, preview = _preview(ctx, qtbot)
    printer = preview.make_printer(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(96)  # keep the test light; the code draws at whatever the printer reports
    run = preview.start_print(printer)
    assert run.is_running()
    qtbot.waitUntil(lambda: preview.print_job is None, timeout=60_000)
    assert preview.last_printed_pages == preview.page_count
    assert _pages(tmp_path / "printed.pdf") == preview.page_count
    subprocess.run(["pdftoppm", "-r", "20", "-png", "-f", "1", "-l", "1", str(tmp_path / "printed.pdf"),
                    str(tmp_path / "page")], check=True)
    image = QImage(str(next(tmp_path.glob("page*.png"))))
    corner = image.pixelColor(2, image.height() - 3)  # page margin: white, not transparent-black
    assert min(corner.red(), corner.green(), corner.blue()) >= 250


def test_print_page_range_and_preview_dialog(ctx, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.ui.packets.printing import print_document

    _dialog_, preview = _preview(ctx, qtbot)
    printer = preview.make_printer(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    printer.setFromTo(2, 3)
    assert print_document(preview.document, printer) == 2
    assert _pages(tmp_path / "range.pdf") == 2
    dialog = preview.print_preview_dialog()
    qtbot.waitUntil(dialog.isVisible)
    dialog.close()


def test_batch_of_three_cancelled_midway_leaves_only_complete_files(ctx, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    real = pb.build_packet
    calls: list[str] = []
    dialog = _dialog(ctx, qtbot)

    def slow_second(workspace, request, progress=None):  # type: ignore[no-untyped-def]
        calls.append(request.partner.name)
        if len(calls) == 2:  # the user presses Cancel while the second packet is being built
            assert _wait(lambda: dialog.job is not None and dialog.job.is_cancelled())
        return real(workspace, request, progress)

    monkeypatch.setattr(pb, "build_packet", slow_second)
    names = ["Aegean Tech Labs", "Kyma Hotels", "Vitrine Paulista"]
    dialog.check_partners(names)
    folder = tmp_path / "out"
    job = dialog.build_batch(folder, replace=True)
    assert job is not None and dialog.cancel_button.isVisible() and dialog.progress.maximum() == 3
    job.progress.connect(lambda done, _total, _name: dialog.cancel_button.click() if done == 1 else None)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
    summary = dialog.last_summary
    assert summary is not None and summary.cancelled
    assert calls == names[:2]  # stopped after the current packet
    files = sorted(p.name for p in folder.iterdir())
    assert files == sorted(p.name for p in summary.written) and len(files) == 2
    for path in summary.written:
        assert path.read_bytes().rstrip().endswith(b"%%EOF") and _pages(path) >= 4
    assert "Cancelled: 1 of 3 not built." in dialog.status.text()
    assert dialog.open_folder.isVisible() and not dialog.cancel_button.isVisible()


def _wait(condition, seconds: float = 20.0) -> bool:  # type: ignore[no-untyped-def]
    event = threading.Event()
    for _i in range(int(seconds * 50)):
        if condition():
            return True
        event.wait(0.02)
    return False


def test_batch_reports_each_failure_in_the_ui_language(ctx, qtbot, tmp_path: Path, ui_language) -> None:  # type: ignore[no-untyped-def]
    ui_language("pt")
    dialog = _dialog(ctx, qtbot)
    dialog.check_partners(["Kyma Hotels", "Sakura Commerce"])
    with ctx.ws.transaction() as s:  # deleted by someone else after the dialog listed it
        s.query(Partner).filter(Partner.name == "Kyma Hotels").update({"name": "Kyma Hotels SA"})
    dialog.build_batch(tmp_path, replace=True)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
    text = dialog.status.text()
    expected = translations("pt").gettext("No partner named {name}.").format(name="Kyma Hotels")
    assert expected != "No partner named Kyma Hotels." and expected in text
    assert len(dialog.last_summary.written) == 1


def test_dialog_remembers_kind_and_paper(ctx, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(ctx, qtbot)
    dialog.kind.setCurrentIndex(dialog.kind.findData(PacketKind.BRAND_GUIDE.value))
    dialog.paper.setCurrentIndex(dialog.paper.findData("Letter"))
    dialog.build_preview()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30_000)
    again = _dialog(ctx, qtbot)
    assert again.current_kind == PacketKind.BRAND_GUIDE and again.paper.currentData() == "Letter"


def test_existing_files_are_not_replaced_without_consent(ctx, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(ctx, qtbot)
    dialog.check_partners(["Kyma Hotels"])
    target = tmp_path / pb.packet_file_name(dialog.requests()[0])
    target.write_bytes(b"keep me")
    assert dialog.build_batch(tmp_path, replace=False) is None
    assert target.read_bytes() == b"keep me"


def test_arabic_dialog_and_preview_are_mirrored(ctx, qtbot, ui_language) -> None:  # type: ignore[no-untyped-def]
    ui_language("ar")
    dialog, preview = _preview(ctx, qtbot, "سوق البحر")
    ar = translations("ar")
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.windowTitle() == ar.gettext("Build packet") != "Build packet"
    assert dialog.preview_button.text() == ar.gettext("Build and preview")
    qtbot.waitUntil(lambda: dialog.partners_box.width() > 0)
    assert dialog.partners_box.x() > dialog.sections_box.x()  # the partner list sits on the right
    assert preview.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert preview.save_action.text() == ar.gettext("Save as PDF…")
    toolbar = preview.toolbar
    prev_x = toolbar.widgetForAction(preview.previous_action).x()
    print_x = toolbar.widgetForAction(preview.print_action).x()
    assert prev_x > print_x  # the toolbar reads from the right
    assert preview.page_count >= 4


def test_print_can_be_cancelled(ctx, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _dialog_, preview = _preview(ctx, qtbot)
    printer = preview.make_printer(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "cancelled.pdf"))
    run = preview.start_print(printer)
    progress = []
    run.progress.connect(lambda done, total: progress.append(done))
    qtbot.waitUntil(lambda: bool(progress))
    with qtbot.waitSignal(run.aborted):
        run.cancel()
    assert preview.print_job is None and preview.last_printed_pages == 0


@pytest.mark.parametrize("lang", ["el", "pt", "it"])
def test_preview_fits_a_laptop_and_shows_save_and_print(ctx, qtbot, ui_language, lang) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.l10n import format_percent
    from partnerdesk.ui.screen_fit import fit_to_screen

    ui_language(lang)
    _dialog_, preview = _preview(ctx, qtbot)
    assert preview.width() <= 1280 and preview.height() <= 720
    # On a 1280×720 laptop the preview opens at this size (the test screen is narrower).
    fit_to_screen(preview, 1040, 820)
    preview.resize(min(1040, 1280 - 40), min(preview.height(), 720 - 40))
    qtbot.waitUntil(lambda: preview.toolbar.widgetForAction(preview.print_preview_action).isVisible(),
                    timeout=3000)
    for action in (preview.save_action, preview.print_action, preview.print_preview_action):
        button = preview.toolbar.widgetForAction(action)
        # Shown with its words, not folded behind "»" (tool buttons drop the trailing "…").
        assert button.isVisible() and button.text() == action.text().rstrip("…") != ""
    qtbot.waitUntil(lambda: preview.zoom_label.text() == format_percent(preview.effective_zoom(), digits=0),
                    timeout=3000)
    assert preview.effective_zoom() > 0.4  # fit to width of a real page, not a viewport not yet laid out
