"""Packet build times after font registration: the onboarding packet (all sections, fillable) for a demo
partner per language, the brand guide, and a batch of 50 onboarding packets through the service.

Goals: < 0.5 s per packet, Arabic < 1 s.
"""

from __future__ import annotations

# isort: off
import _bench_path  # noqa: F401  (first: keeps bench/calendar.py from shadowing the stdlib)
# isort: on

import datetime as dt  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path

from partnerdesk.packets.brand import build_brand_guide  # noqa: E402
from partnerdesk.packets.fonts import register_fonts  # noqa: E402
from partnerdesk.packets.onboarding import build_onboarding  # noqa: E402
from partnerdesk.services.demo import populate_demo  # noqa: E402
from partnerdesk.services.packets import load_brand_guide, load_onboarding, onboarding_batch  # noqa: E402
from partnerdesk.store.workspace import open_workspace  # noqa: E402

TODAY = dt.date(2026, 3, 2)
PARTNER = {"en": "Najd Care Center", "pt": "Vitrine Paulista", "ja": "浪速ロジスティクス", "it": "Studio Ventura SEO",
           "el": "Aegean Tech Labs", "ar": "سوق البحر"}
RUNS = 3


def _median(fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    t0 = time.perf_counter()
    register_fonts()
    metrics: dict[str, float] = {"font_registration_s": time.perf_counter() - t0}
    with tempfile.TemporaryDirectory() as tmp, open_workspace(Path(tmp) / "bench.partnerdesk") as ws:
        populate_demo(ws, today=TODAY, seed=7)
        print(f"{'packet':<22}{'seconds':>10}{'pages':>7}{'KB':>7}")
        for lang, partner in PARTNER.items():
            data = load_onboarding(ws, partner, lang, TODAY)
            pdf = build_onboarding(data, lang)  # warm caches
            elapsed = metrics[f"onboarding_{lang}_s"] = _median(lambda d=data, lg=lang: build_onboarding(d, lg))
            print(f"{'onboarding ' + lang:<22}{elapsed:>10.3f}{pdf.count(b'/Type /Page') - pdf.count(b'/Type /Pages'):>7}"
                  f"{len(pdf) // 1024:>7}")
        guide = load_brand_guide(ws)
        for lang in ("en", "ar"):
            pdf = build_brand_guide(guide, lang)
            elapsed = metrics[f"brand_guide_{lang}_s"] = _median(lambda lg=lang: build_brand_guide(guide, lg))
            print(f"{'brand guide ' + lang:<22}{elapsed:>10.3f}{'':>7}{len(pdf) // 1024:>7}")
        names = [PARTNER[lang] for lang in PARTNER]
        names = [f for f in (names * 9)][:50]
        start = time.perf_counter()
        built = 0
        for chunk in range(0, 50, len(PARTNER)):  # the service de-duplicates names within one batch
            built += len(onboarding_batch(ws, names[chunk:chunk + len(PARTNER)], today=TODAY))
        metrics["batch_50_s"] = elapsed = time.perf_counter() - start
        metrics["batch_50_per_packet_s"] = elapsed / built
        print(f"{'batch of ' + str(built) + ' (service)':<22}{elapsed:>10.3f}   ({elapsed / built:.3f} s each)")
    print(json.dumps({k: round(v, 4) for k, v in metrics.items()}))


if __name__ == "__main__":
    main()
