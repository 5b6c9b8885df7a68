"""The partner header card shows the partner's health from the KPI scorecard (counts per status, in the status
colour and in words), and hides it for a partner without KPI values (through the main window)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import select

from partnerdesk.store import models as m
from partnerdesk.ui import theme
from partnerdesk.ui.performance import clock
from partnerdesk.ui.views_registry import VIEWS
from tests.conftest import DEMO_TODAY


@pytest.fixture
def window(demo_window: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(clock, "today", lambda: DEMO_TODAY)  # the demo's KPI values are for early 2026
    demo_window.start()
    return demo_window


def _open(window: Any, name: str) -> Any:
    with window.context.ws.session() as s:
        pid = s.scalars(select(m.Partner.id).where(m.Partner.name == name)).one()
    window.actions_.view_actions[[k for k, *_r in VIEWS].index("partners")].trigger()
    view = window.current_view()
    view.select_partner(pid)
    return view


def _spans(label: Any) -> list[tuple[str, str]]:
    return re.findall(r"<span style='color:(#[0-9a-fA-F]{6})'>● ([^<]+)</span>", label.text())


def test_header_shows_kpi_health_in_words_and_colours(window: Any) -> None:
    view = _open(window, "Rota Sul Logística")
    health = view.header.health
    assert health.isVisible()
    assert _spans(health) == [(theme.name("success"), "1 KPI on track"), (theme.name("warning"), "2 KPIs behind"),
                              (theme.name("danger"), "3 KPIs at risk")]
    assert health.accessibleName() == "1 KPI on track · 2 KPIs behind · 3 KPIs at risk"
    assert health.toolTip() == "KPI scorecard: February 2026"
    view = _open(window, "Vitrine Paulista")  # nothing at risk: no "0 at risk"
    assert [text for _colour, text in _spans(view.header.health)] == ["4 KPIs on track", "2 KPIs behind"]


def test_health_is_hidden_without_kpi_values(window: Any) -> None:
    view = _open(window, "Kyma Hotels")
    assert view.header.isVisible() and not view.header.health.isVisible()
    view = _open(window, "Rota Sul Logística")
    assert view.header.health.isVisible()


@pytest.mark.parametrize(("lang", "expected"), [
    ("el", ["1 KPI εντός στόχου", "2 KPI σε καθυστέρηση", "3 KPI σε κίνδυνο"]),
    ("ar", ["مؤشر واحد على المسار", "مؤشران متأخران", "3 مؤشرات معرّضة للخطر"]),
])
def test_health_is_translated(window: Any, lang: str, expected: list[str]) -> None:
    window.set_language(lang)
    view = _open(window, "Rota Sul Logística")
    assert [text for _colour, text in _spans(view.header.health)] == expected
