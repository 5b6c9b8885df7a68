"""Packet windows: preview opening, page rendering, printing at printer resolution, and a batch into a folder.

Goals: preview shown < 0.3 s; print at 600 dpi < 2 s per page (bands keep memory < 20 MB per band);
batch < 0.5 s per packet (worker thread; the UI stays free).
"""

from __future__ import annotations

# isort: off
import _bench_path  # noqa: F401  (first: keeps bench/calendar.py from shadowing the stdlib)
# isort: on

import datetime as dt
import json
import os
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402

from partnerdesk.services import packet_builds as pb  # noqa: E402
from partnerdesk.services.demo import populate_demo  # noqa: E402
from partnerdesk.store.workspace import open_workspace  # noqa: E402
from partnerdesk.ui.app import create_application  # noqa: E402

TODAY = dt.date(2026, 3, 2)


def main() -> None:
    app = create_application()
    from partnerdesk.ui.packets.preview import PacketPreview
    from partnerdesk.ui.packets.printing import print_document, render_page

    metrics: dict[str, float] = {}
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp, open_workspace(Path(tmp) / "bench.pdk") as ws:
        populate_demo(ws, today=TODAY, seed=7)
        partners = pb.partner_choices(ws)
        request = pb.PacketRequest(pb.PacketKind.ONBOARDING, next(p for p in partners if p.language == "pt"))
        pb.build_packet(ws, request)  # fonts registered, caches warm
        pdf = pb.build_packet(ws, request)
        context = SimpleNamespace(settings=QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))

        start = time.perf_counter()
        preview = PacketPreview(pdf, "bench", "bench.pdf", context)
        preview.resize(1000, 800)
        preview.show()
        preview.grab()  # first paint of the visible pages
        metrics["preview_open_s"] = time.perf_counter() - start
        rows.append(("preview shown (build excluded)", metrics["preview_open_s"], f"{preview.page_count} pages"))

        start = time.perf_counter()
        for page in range(preview.page_count):
            render_page(preview.document, page, 150)
        metrics["render_150dpi_per_page_s"] = (time.perf_counter() - start) / preview.page_count
        rows.append(("render one page at 150 dpi on white", metrics["render_150dpi_per_page_s"], "per page"))

        for dpi in (300, 600):
            printer = preview.make_printer()
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(Path(tmp) / f"print{dpi}.pdf"))
            printer.setResolution(dpi)
            printer.setFromTo(1, 2)
            start = time.perf_counter()
            pages = print_document(preview.document, printer)
            metrics[f"print_{dpi}dpi_per_page_s"] = (time.perf_counter() - start) / pages
            size = (Path(tmp) / f"print{dpi}.pdf").stat().st_size // 1024
            rows.append((f"print at {dpi} dpi (to a PDF file)", metrics[f"print_{dpi}dpi_per_page_s"],
                         f"per page, {size // pages} KB/page"))
        preview.close()

        requests = [pb.PacketRequest(pb.PacketKind.ONBOARDING, p) for p in partners[:10]]
        start = time.perf_counter()
        summary = pb.build_batch(ws, requests, Path(tmp) / "batch")
        elapsed = time.perf_counter() - start
        metrics["batch_10_s"] = elapsed
        metrics["batch_per_packet_s"] = elapsed / max(1, len(summary.written))
        rows.append((f"batch of {len(requests)} packets into a folder", elapsed,
                     f"{metrics['batch_per_packet_s']:.3f} s per packet, {len(summary.failures)} failed"))
    app.processEvents()
    print(f"{'step':<42}{'seconds':>10}  note")
    for name, seconds, note in rows:
        print(f"{name:<42}{seconds:>10.3f}  {note}")
    print(json.dumps({k: round(v, 4) for k, v in metrics.items()}))


if __name__ == "__main__":
    main()
