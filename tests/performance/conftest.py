from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from partnerdesk.domain.enums import PartnerKind, PaymentDirection
from partnerdesk.domain.periods import Period
from partnerdesk.store.models import KpiDefinition, KpiValue, Partner, Payment, WorkItem, WorkStatus


@pytest.fixture
def kpi_ws(workspace):  # type: ignore[no-untyped-def]
    """An empty workspace plus helpers to add partners, KPI values, payments and work items."""
    return KpiWorld(workspace)


class KpiWorld:
    def __init__(self, workspace: Any) -> None:
        self.ws = workspace
        with workspace.session() as s:
            self.defs = {d.key: d.id for d in s.scalars(select(KpiDefinition))}
            self.status_ids = {w.key: w.id for w in s.scalars(select(WorkStatus))}

    def partner(self, name: str, kind: PartnerKind = PartnerKind.AGENCY, **extra: Any) -> int:
        with self.ws.transaction() as s:
            p = Partner(name=name, kind=kind, **extra)
            s.add(p)
            s.flush()
            return p.id

    def value(self, partner_id: int, key: str, period: str, value: float | None, target: float | None = None,
              **extra: Any) -> None:
        p = Period.parse(period)
        with self.ws.transaction() as s:
            s.add(KpiValue(definition_id=self.defs[key], partner_id=partner_id, period_start=p.start,
                           period_end=p.end, value=value, target=target, **extra))

    def payment(self, partner_id: int, ref: str, due: dt.date, paid: dt.date | None, amount: float,
                currency: str = "EUR") -> None:
        with self.ws.transaction() as s:
            s.add(Payment(partner_id=partner_id, invoice_ref=ref, direction=PaymentDirection.PAYABLE,
                          amount_minor=round(amount * 100), currency=currency, due_on=due, paid_on=paid))

    def work(self, partner_id: int, title: str, due: dt.date, done: dt.date | None) -> None:
        at = dt.datetime.combine(done or due, dt.time(12), dt.UTC)
        with self.ws.transaction() as s:
            s.add(WorkItem(title=title, partner_id=partner_id, due_at=dt.datetime.combine(due, dt.time(17), dt.UTC),
                           status_id=self.status_ids["done" if done else "pending"], status_changed_at=at))


