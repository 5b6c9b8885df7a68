"""Onboarding packet build time per language (after font registration) and a batch of 50 packets."""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from partnerdesk.packets.fonts import register_fonts  # noqa: E402
from partnerdesk.packets.onboarding import build_onboarding  # noqa: E402
from partnerdesk.services.demo import populate_demo  # noqa: E402
from partnerdesk.services.packets import load_onboarding  # noqa: E402
from partnerdesk.store.workspace import open_workspace  # noqa: E402

TODAY = dt.date(2026, 3, 2)


def main() -> None:
    t0 = time.perf_counter()
    register_fonts()
    metrics: dict[str, float] = {"font_registration_s": time.perf_counter() - t0}
    with tempfile.TemporaryDirectory() as tmp, open_workspace(Path(tmp) / "bench.partnerdesk") as ws:
        populate_demo(ws, today=TODAY, seed=7)
        print(f"{'language':<10}{'seconds':>10}{'KB':>8}")
        for lang in ("en", "pt", "ja", "it", "el", "ar"):
            data = load_onboarding(ws, "Vitrine Paulista", lang, TODAY)
            build_onboarding(data, lang)  # warm caches
            start = time.perf_counter()
            pdf = build_onboarding(data, lang)
            metrics[f"onboarding_{lang}_s"] = elapsed = time.perf_counter() - start
            print(f"{lang:<10}{elapsed:>10.3f}{len(pdf) // 1024:>8}")
        data = load_onboarding(ws, "Vitrine Paulista", "pt", TODAY)
        start = time.perf_counter()
        for _ in range(50):
            build_onboarding(data, "pt")
        metrics["batch_50_s"] = time.perf_counter() - start
        print(f"{'batch 50':<10}{metrics['batch_50_s']:>10.3f}")
    print(json.dumps({k: round(v, 4) for k, v in metrics.items()}))


if __name__ == "__main__":
    main()
