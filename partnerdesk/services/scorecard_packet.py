"""The scorecard PDF of a partner for a period (Packets menu, `partnerdesk packet scorecard`): the scorecard from
``services.kpis`` formatted in the packet's language and handed to ``packets.scorecard``."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from partnerdesk.domain.errors import NotFoundError
from partnerdesk.domain.kpi import BUILTIN_LABELS
from partnerdesk.domain.our_side import OUR_SIDE
from partnerdesk.domain.periods import Granularity, Period
from partnerdesk.l10n import N_, Translator
from partnerdesk.l10n.formats import format_skeleton
from partnerdesk.packets.scorecard import ScorecardData, ScorecardRow, build_scorecard
from partnerdesk.services.kpis import KpiTile, format_change, format_kpi_value, scorecard
from partnerdesk.store.models import Partner
from partnerdesk.store.workspace import Workspace

EVIDENCE = N_("Imported from {file} (rows {rows}); SHA-256 {digest}…")
NOTE = N_("{kpi}: {note}")


def _period_label(period: Period, tr: Translator) -> str:
    if period.granularity is Granularity.QUARTER:
        return tr.gettext("Q{quarter} {year}").format(quarter=(period.start.month - 1) // 3 + 1,
                                                      year=period.start.year)
    return format_skeleton("yMMMM", period.start, lang=tr.language)


def _label(tile: KpiTile, tr: Translator) -> str:
    info = tile.kpi
    if info.our_side:
        return tr.gettext(next(d.label_source for d in OUR_SIDE if d.key == info.key))
    if info.name:
        return info.name
    return tr.gettext(BUILTIN_LABELS[info.key]) if info.key in BUILTIN_LABELS else info.key.replace("_", " ")


def _row(tile: KpiTile, tr: Translator, en: Translator) -> ScorecardRow:
    lang, unit, currency = tr.language, tile.kpi.unit, tile.kpi.currency
    return ScorecardRow(tile.key, _label(tile, tr), _label(tile, en), format_kpi_value(tile.value, unit, currency, lang),
                        format_kpi_value(tile.target, unit, currency, lang), tile.status.value,
                        tr.gettext(tile.status.source_label), en.gettext(tile.status.source_label),
                        format_change(tile.vs_previous, lang), format_change(tile.vs_last_year, lang), tile.computed,
                        tile.history, tuple(tile.target for _ in tile.history))


def scorecard_pdf(workspace: Workspace, partner_name: str, period: Period | None = None, lang: str | None = None,
                  paper: str | None = None, *, bilingual: bool = False, today: dt.date | None = None) -> bytes:
    """The scorecard PDF; ``lang`` defaults to the partner's language. NotFoundError for an unknown partner."""
    with workspace.session() as s:
        partner = s.scalar(select(Partner).where(Partner.name == partner_name))
        if partner is None:
            raise NotFoundError(N_("No partner named {name}."), name=partner_name)
        pid, locale = partner.id, partner.locale
    from partnerdesk.services.packets import _company_name

    with workspace.session() as s:
        company = _company_name(s, None, None)
    card = scorecard(workspace, pid, period, today=today)
    tr, en = Translator(lang or locale or "en"), Translator("en")
    notes = []
    for tile in card.tiles:
        stored = tile.stored
        if stored is None:
            continue
        if stored.note:
            notes.append(tr.gettext(NOTE).format(kpi=_label(tile, tr), note=stored.note))
        evidence = stored.evidence or {}
        if evidence:
            rows = ", ".join(str(r) for r in evidence.get("rows", [])[:20])
            notes.append(_label(tile, tr) + " — " + tr.gettext(EVIDENCE).format(
                file=evidence.get("file", ""), rows=rows, digest=str(evidence.get("sha256", ""))[:12]))
    history = card.period.history(len(card.tiles[0].history) if card.tiles else 12)
    data = ScorecardData(card.partner_name, company, _period_label(card.period, tr), _period_label(card.period, en),
                         [_row(t, tr, en) for t in card.tiles], [_row(t, tr, en) for t in card.our_side], notes,
                         (history[0].key, history[-1].key))
    return build_scorecard(data, tr.language, paper, bilingual=bilingual)
