"""`partnerdesk packet onboarding|brand-guide`: build a packet as a PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from partnerdesk.cli import add_db_option, workspace_path
from partnerdesk.l10n import LANGUAGES, _


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("packet", help=_("build a PDF packet for a partner"))
    kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
    onboarding = kinds.add_parser("onboarding", help=_("onboarding packet for one partner"))
    add_db_option(onboarding)
    onboarding.add_argument("--partner", required=True, help=_("partner name"))
    onboarding.add_argument("--lang", dest="packet_lang", choices=LANGUAGES, default=None,
                            help=_("packet language (default: the partner's language)"))
    onboarding.add_argument("--paper", type=_paper, default=None, metavar="A4|Letter",
                            help=_("paper size (default: from the partner's locale)"))
    onboarding.add_argument("--sections", default=None, metavar="LIST",
                            help=_("comma-separated sections to include (default: all): {sections}").format(
                                sections=",".join(_section_keys())))
    onboarding.add_argument("--print-only", action="store_true",
                            help=_("no fillable form fields in the questionnaire"))
    onboarding.add_argument("-o", "--output", type=Path, required=True, help=_("PDF file to write"))
    onboarding.set_defaults(func=run_onboarding)
    card = kinds.add_parser("scorecard", help=_("a partner's KPI scorecard for a period"))
    add_db_option(card)
    card.add_argument("--partner", required=True, help=_("partner name"))
    card.add_argument("--period", default=None, metavar="YYYY-MM", help=_("month or YYYY-Qn quarter (default: the "
                                                                          "latest with values)"))
    card.add_argument("--lang", dest="packet_lang", choices=LANGUAGES, default=None,
                      help=_("packet language (default: the partner's language)"))
    card.add_argument("--bilingual", action="store_true", help=_("the packet language and English side by side"))
    card.add_argument("--paper", type=_paper, default=None, metavar="A4|Letter",
                      help=_("paper size (default: from the language)"))
    card.add_argument("-o", "--output", type=Path, required=True, help=_("PDF file to write"))
    card.set_defaults(func=run_scorecard)
    brand = kinds.add_parser("brand-guide", help=_("the brand guide as a PDF"))
    add_db_option(brand)
    brand.add_argument("--lang", dest="packet_lang", choices=LANGUAGES, default="en", help=_("packet language"))
    brand.add_argument("--paper", type=_paper, default=None, metavar="A4|Letter",
                       help=_("paper size (default: from the language)"))
    brand.add_argument("-o", "--output", type=Path, required=True, help=_("PDF file to write"))
    brand.set_defaults(func=run_brand_guide)


def _section_keys() -> tuple[str, ...]:
    from partnerdesk.packets.sections import SECTION_KEYS

    return SECTION_KEYS


def _paper(value: str) -> str:
    for choice in ("A4", "Letter"):
        if value.strip().lower() == choice.lower():
            return choice
    raise argparse.ArgumentTypeError(_("paper size must be A4 or Letter"))


def run_onboarding(args: argparse.Namespace) -> int:
    from partnerdesk.services.files import write_atomically
    from partnerdesk.services.packets import onboarding_pdf
    from partnerdesk.store.workspace import open_workspace

    sections = args.sections.split(",") if args.sections else None
    with open_workspace(workspace_path(args)) as ws:
        pdf = onboarding_pdf(ws, args.partner, args.packet_lang, args.paper, sections=sections,
                             fillable=not args.print_only)
    write_atomically(args.output, pdf)  # an unwritable path is a translated error, not a traceback
    print(_("Packet written: {path} ({size} KB)").format(path=args.output, size=max(1, len(pdf) // 1024)))
    return 0


def run_brand_guide(args: argparse.Namespace) -> int:
    from partnerdesk.services.files import write_atomically
    from partnerdesk.services.packets import brand_guide_pdf
    from partnerdesk.store.workspace import open_workspace

    with open_workspace(workspace_path(args)) as ws:
        pdf = brand_guide_pdf(ws, args.packet_lang, args.paper)
    write_atomically(args.output, pdf)  # an unwritable path is a translated error, not a traceback
    print(_("Packet written: {path} ({size} KB)").format(path=args.output, size=max(1, len(pdf) // 1024)))
    return 0


def run_scorecard(args: argparse.Namespace) -> int:
    from partnerdesk.cli.kpis import _period
    from partnerdesk.services.files import write_atomically
    from partnerdesk.services.scorecard_packet import scorecard_pdf
    from partnerdesk.store.workspace import open_workspace

    with open_workspace(workspace_path(args)) as ws:
        pdf = scorecard_pdf(ws, args.partner, _period(args.period), args.packet_lang, args.paper,
                            bilingual=args.bilingual)
    write_atomically(args.output, pdf)
    return 0
