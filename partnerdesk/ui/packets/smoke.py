"""Smoke-test step for the packet windows (used by ``partnerdesk --smoke-test``, also in the frozen app):
Build packet dialog, a QtPdf preview of a real packet, and both editors, in the window's current language."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication


def open_packet_windows(window: Any, app: QApplication) -> str:
    from partnerdesk.services import packet_builds as pb
    from partnerdesk.ui.packets.actions import open_brand_editor, open_build_dialog, open_questionnaire_editor

    context = window.context
    dialog = open_build_dialog(context, window)
    opened: list[Any] = [dialog]
    try:
        partners = pb.partner_choices(context.ws)
        if not partners:
            raise AssertionError("no partner to build a packet for")
        request = pb.PacketRequest(pb.PacketKind.ONBOARDING, partners[0])
        preview = dialog.show_preview(pb.build_packet(context.ws, request), request)  # type: ignore[attr-defined]
        opened += [preview, open_brand_editor(context, window), open_questionnaire_editor(context, window)]
        app.processEvents()
        if preview.page_count < 1:
            raise AssertionError("the preview shows no page")
        rtl = window.isRightToLeft()
        for widget in opened:
            if widget.isRightToLeft() != rtl:
                raise AssertionError(f"{type(widget).__name__} does not follow the layout direction")
        return f"{preview.page_count} pages previewed"
    finally:
        for widget in reversed(opened):
            widget.close()
        app.processEvents()
