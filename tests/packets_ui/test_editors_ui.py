"""Brand guide and questionnaire editors through pytest-qt: save, reload, undo/redo, clear errors."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from partnerdesk.domain.enums import AnswerType
from partnerdesk.l10n import translations
from partnerdesk.services.brand_guide import BrandGuideService
from partnerdesk.services.questionnaire import QuestionDraft, QuestionnaireService


def _brand(ctx, qtbot):  # type: ignore[no-untyped-def]
    from partnerdesk.ui.packets.brand_editor import BrandGuideEditor

    editor = BrandGuideEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _questionnaire(ctx, qtbot):  # type: ignore[no-untyped-def]
    from partnerdesk.ui.packets.questionnaire_editor import QuestionnaireEditor

    editor = QuestionnaireEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _png(size: tuple[int, int] = (30, 20)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, "teal").save(buf, "PNG")
    return buf.getvalue()


def test_brand_editor_saves_reloads_and_undoes(ctx, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    editor = _brand(ctx, qtbot)
    original = BrandGuideService(ctx.ws).load()[1]
    assert editor.name.text() == original.name
    assert editor.colours.model.rowCount() == len(original.colours)
    hex_index = editor.colours.model.index(0, 1)
    assert isinstance(hex_index.data(Qt.ItemDataRole.DecorationRole), QColor)  # swatch beside the HEX code
    editor.name.setText("Lumen & Co. guide")
    editor.colours.select(len(original.colours) - 1)
    row = editor.colours.add_row(["Coral", "", "Accents"])
    assert editor.pick_colour(QColor(255, 127, 80)) == "#FF7F50"  # as the colour dialog would answer
    editor.colours.select(row)
    editor.colours.move_row(-1)
    (tmp_path / "logo.png").write_bytes(_png())
    assert editor.choose_logo(tmp_path / "logo.png")
    assert "30 × 20" in editor.logo_info.text()
    editor.dos.add_row(["Use daylight photos"])
    assert editor.is_dirty()
    changes = []
    ctx.hub.changed.connect(changes.append)
    assert editor.save()
    assert not editor.error.isVisible() and not editor.is_dirty()
    assert changes and "brand_guide" in changes[-1].entities()
    saved = BrandGuideService(ctx.ws).load()[1]
    assert saved.name == "Lumen & Co. guide"
    assert [c.name for c in saved.colours][-2:] == ["Coral", original.colours[-1].name]
    assert saved.colours[-2].hex == "#FF7F50" and saved.logo == _png()
    assert saved.dos[-1] == "Use daylight photos"
    # A new editor shows what was saved.
    again = _brand(ctx, qtbot)
    assert again.name.text() == "Lumen & Co. guide" and again.colours.model.rows[-2][1] == "#FF7F50"
    # Save is one undoable step; the open editors follow undo and redo.
    assert ctx.undo_stack.undoText() == "Edit brand guide"
    ctx.undo_stack.undo()
    assert BrandGuideService(ctx.ws).load()[1] == original
    assert editor.name.text() == original.name and again.name.text() == original.name
    ctx.undo_stack.redo()
    assert BrandGuideService(ctx.ws).load()[1].name == "Lumen & Co. guide"
    assert editor.name.text() == "Lumen & Co. guide"


def test_invalid_hex_shows_a_translated_error_and_keeps_the_input(ctx, qtbot, ui_language) -> None:  # type: ignore[no-untyped-def]
    ui_language("it")
    editor = _brand(ctx, qtbot)
    before = BrandGuideService(ctx.ws).load()[1]
    editor.name.setText("Nuovo nome")
    editor.colours.model.setData(editor.colours.model.index(2, 1), "#12345G")
    bad = editor.colours.model.index(2, 1)
    assert bad.data(Qt.ItemDataRole.ForegroundRole) is not None  # shown in red before saving
    editor.tabs.setCurrentIndex(0)
    assert not editor.save()
    assert editor.error.isVisible()
    template = translations("it").gettext("“{value}” is not a colour for “{name}”: use a hex code with six digits, "
                                          "like #1A2B3C.")
    assert template.startswith("“{value}”") and "#12345G" in editor.error.text()
    assert editor.error.text() == template.format(value="#12345G", name=before.colours[2].name)
    assert editor.tabs.currentIndex() == 1 and editor.colours.current_row() == 2  # points at the culprit
    assert editor.name.text() == "Nuovo nome" and editor.colours.model.rows[2][1] == "#12345G"  # input kept
    assert BrandGuideService(ctx.ws).load()[1] == before  # nothing written
    assert ctx.undo_stack.count() == 0


def test_logo_shows_in_every_language(ctx, qtbot, ui_language) -> None:  # type: ignore[no-untyped-def]
    for lang in ("el", "en", "ar"):
        ui_language(lang)
        editor = _brand(ctx, qtbot)
        assert editor.logo and not editor.logo_preview.pixmap().isNull(), lang
        editor.close()


def test_unreadable_logo_is_refused(ctx, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    editor = _brand(ctx, qtbot)
    logo_before = editor.logo
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    assert not editor.choose_logo(tmp_path / "logo.png")
    assert "PNG or JPEG" in editor.error.text() and editor.tabs.currentIndex() == 4
    assert not editor.choose_logo(tmp_path / "missing.png")
    assert "could not be read" in editor.error.text()
    assert editor.logo == logo_before
    editor.remove_logo()
    assert editor.logo_preview.text() == "No logo" and editor.save()
    assert BrandGuideService(ctx.ws).load()[1].logo is None


def test_questionnaire_editor_add_type_reorder_save_reload(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = _questionnaire(ctx, qtbot)
    original = QuestionnaireService(ctx.ws).load()[1]
    assert editor.model.rowCount() == len(original.questions)
    editor.select(0)
    row = editor.add_question()
    assert row == 1 and editor.current_row() == 1
    editor.text.setPlainText("Which carriers do you use?")
    editor.answer_type.setCurrentIndex(editor.answer_type.findData(AnswerType.CHOICE.value))
    assert editor.choices.isEnabled()
    editor.choices.setPlainText("DHL\nUPS\n\nCTT")
    editor.required.setChecked(True)
    editor.move_question(-1)
    assert editor.current_row() == 0
    assert editor.model.index(0).data().startswith("1. \u2068Which carriers do you use?\u2069 — ")
    editor.select(editor.model.rowCount() - 1)
    editor.remove_question()
    editor.title.setText("Partner questionnaire")
    assert editor.save()
    saved = QuestionnaireService(ctx.ws).load()[1]
    assert saved.title == "Partner questionnaire"
    assert saved.questions[0] == QuestionDraft("Which carriers do you use?", AnswerType.CHOICE,
                                               ("DHL", "UPS", "CTT"), True)
    assert saved.questions[1:] == original.questions[:-1]
    reopened = _questionnaire(ctx, qtbot)
    reopened.select(0)
    assert reopened.text.toPlainText() == "Which carriers do you use?"
    assert reopened.choices.toPlainText() == "DHL\nUPS\nCTT"
    ctx.undo_stack.undo()
    assert QuestionnaireService(ctx.ws).load()[1] == original
    assert reopened.model.rowCount() == len(original.questions)


def test_question_list_keeps_each_question_in_its_own_direction(ctx, qtbot, ui_language) -> None:  # type: ignore[no-untyped-def]
    """In Arabic an English question ending in "?" is isolated (FSI … PDI), so the "?" stays at its end."""
    ui_language("ar")
    editor = _questionnaire(ctx, qtbot)
    editor.select(0)
    editor.add_question()
    editor.text.setPlainText("Do you ship  abroad?")
    label = editor.model.index(1).data()
    assert label.startswith("2. \u2068Do you ship abroad?\u2069")
    assert AnswerType.SHORT_TEXT.label in label.split("\u2069", 1)[1]  # the answer type, outside the isolate
    editor.text.setPlainText("   ")
    assert "(بلا نص بعد)" in editor.model.index(1).data()  # an empty question shows the UI's own placeholder


def test_questionnaire_errors_point_at_the_question(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = _questionnaire(ctx, qtbot)
    before = QuestionnaireService(ctx.ws).load()[1]
    editor.select(2)
    editor.answer_type.setCurrentIndex(editor.answer_type.findData(AnswerType.CHOICE.value))
    editor.choices.setPlainText("Only one")
    editor.select(0)
    assert not editor.save()
    assert "Question 3" in editor.error.text() and "at least two" in editor.error.text()
    assert editor.current_row() == 2  # selected for the user to fix
    assert QuestionnaireService(ctx.ws).load()[1] == before
    editor.text.setPlainText("  ")
    editor.choices.setPlainText("A\nB")
    assert not editor.save() and "Question 3 has no text" in editor.error.text()
    editor.revert()
    assert not editor.error.isVisible() and not editor.is_dirty()


def test_menu_opens_dialog_and_editors(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMainWindow, QWidget

    from partnerdesk.ui.packets.actions import PacketActions

    window = QMainWindow()
    window.context = ctx  # type: ignore[attr-defined]
    window.current_view = lambda: None  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    help_menu = window.menuBar().addMenu("Help")
    actions = PacketActions(window, help_menu)  # type: ignore[arg-type]
    actions.retranslate_ui()
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&Packets", "Help"]
    actions.build.trigger()
    assert window.findChild(QWidget, "buildPacketDialog") is not None
    from partnerdesk.ui.packets.brand_editor import BrandGuideEditor
    from partnerdesk.ui.packets.questionnaire_editor import QuestionnaireEditor

    actions.brand.trigger()
    first = window.findChildren(BrandGuideEditor)
    actions.brand.trigger()
    assert window.findChildren(BrandGuideEditor) == first and len(first) == 1  # one editor, brought back
    actions.questionnaire.trigger()
    assert [e.isVisible() for e in window.findChildren(QuestionnaireEditor)] == [True]
    actions.set_enabled(False)
    assert not actions.build.isEnabled()


def test_closing_with_unsaved_edits_asks_first(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    editor = _questionnaire(ctx, qtbot)
    editor.title.setText("Changed")
    assert not editor.close() and editor.isVisible()
    box = editor.findChild(QMessageBox, "unsavedChangesBox")
    assert box is not None
    box.button(QMessageBox.StandardButton.Save).click()
    assert not editor.isVisible()
    assert QuestionnaireService(ctx.ws).load()[1].title == "Changed"


def test_editors_follow_language_and_close_when_the_workspace_changes(ctx, qtbot, ui_language) -> None:  # type: ignore[no-untyped-def]
    editor = _brand(ctx, qtbot)
    editor.name.setText("Unsaved edit")
    ui_language("ja")
    ctx.hub.language_changed.emit("ja")
    assert editor.windowTitle() == translations("ja").gettext("Brand guide") != "Brand guide"
    assert editor.tabs.tabText(1) == translations("ja").gettext("Colours")
    ctx.hub.workspace_replaced.emit()  # edits of the old workspace are never saved into the new one
    assert not editor.isVisible()
    assert BrandGuideService(ctx.ws).load()[1].name != "Unsaved edit"


def test_preview_rebuild_shows_the_edited_brand_guide(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import tempfile

    from partnerdesk.services.packet_builds import PacketKind, PacketRequest, build_packet
    from partnerdesk.ui.packets.preview import PacketPreview

    request = PacketRequest(PacketKind.BRAND_GUIDE, None, "en")
    preview = PacketPreview(build_packet(ctx.ws, request), "Brand guide", "b.pdf", ctx,
                            rebuild=lambda: build_packet(ctx.ws, request))
    qtbot.addWidget(preview)
    preview.show()
    preview.go_to_page(1)
    editor = _brand(ctx, qtbot)
    editor.tone.setPlainText("Quietly confident, never loud.")
    assert editor.save()
    job = preview.start_rebuild()
    assert job is not None and not preview.rebuild_action.isEnabled()
    qtbot.waitUntil(lambda: preview.rebuild_job is None, timeout=30_000)
    assert preview.current_page == 1 and preview.rebuild_action.isEnabled()
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(preview.pdf)
        fh.flush()
        text = subprocess.run(["pdftotext", fh.name, "-"], capture_output=True, text=True).stdout
    assert "Quietly confident" in " ".join(text.split())


def test_preview_toolbar_is_reachable_from_the_keyboard(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence

    from partnerdesk.services.packet_builds import PacketKind, PacketRequest, build_packet
    from partnerdesk.ui.packets.preview import PacketPreview

    preview = PacketPreview(build_packet(ctx.ws, PacketRequest(PacketKind.BRAND_GUIDE, None, "en")), "Brand guide",
                            "b.pdf", ctx)
    qtbot.addWidget(preview)
    preview.show()
    buttons = [preview.toolbar.widgetForAction(a) for a in preview.toolbar.actions()
               if not a.isSeparator() and a.isVisible()]
    assert buttons and all(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in buttons if b is not None)
    assert preview.fit_page_action.shortcut() == QKeySequence("Ctrl+9")
    assert preview.print_preview_action.shortcut() == QKeySequence("Ctrl+Shift+P")
    preview.activateWindow()
    qtbot.waitUntil(preview.isActiveWindow)
    preview.fit_width_action.trigger()
    qtbot.keyClick(preview, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert preview.view.zoomMode() == preview.view.ZoomMode.FitInView
