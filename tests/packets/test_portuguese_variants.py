"""European Portuguese: an overlay on the Brazilian catalog, chosen for partners in Portugal."""

from __future__ import annotations

from pathlib import Path

from partnerdesk.l10n import Translator, language_for, normalize_language
from partnerdesk.services.packets import onboarding_pdf, partner_language
from tests.packets.conftest import DEMO_TODAY
from tests.packets.pdf_tools import pdf_text


def test_pt_pt_overlays_brazilian_portuguese() -> None:
    pt, pt_pt = Translator("pt"), Translator("pt-PT")
    assert pt_pt.language == "pt_PT" and normalize_language("pt_BR.UTF-8") == "pt"
    assert (pt.gettext("Trash"), pt_pt.gettext("Trash")) == ("Lixeira", "Lixo")
    assert (pt.gettext("Contacts"), pt_pt.gettext("Contacts")) == ("Contatos", "Contactos")
    assert pt_pt.gettext("Partners") == pt.gettext("Partners")  # the same word: answered by the pt catalog
    # Each variant keeps its own plural rule, also for entries the overlay does not hold (CLDR: pt 0 = one).
    assert pt.ngettext("{count} partner", "{count} partners", 0) == "{count} parceiro"
    assert pt_pt.ngettext("{count} partner", "{count} partners", 0) == "{count} parceiros"
    assert pt_pt.ngettext("{count} partner", "{count} partners", 1) == "{count} parceiro"


def test_partners_in_portugal_get_european_packets(demo_ws, tmp_path: Path) -> None:
    assert language_for("pt", "PT") == language_for("pt-PT", "") == "pt_PT"
    assert language_for("pt", "BR") == "pt"
    assert partner_language(demo_ws, "Casa Lusa Cerâmica") == "pt_PT"
    assert partner_language(demo_ws, "Vitrine Paulista") == "pt"
    european = pdf_text(onboarding_pdf(demo_ws, "Casa Lusa Cerâmica", today=DEMO_TODAY), tmp_path)
    brazilian = pdf_text(onboarding_pdf(demo_ws, "Vitrine Paulista", today=DEMO_TODAY), tmp_path)
    assert "A nossa equipa" in european and "Nossa equipe" not in european
    assert "Nossa equipe" in brazilian and "equipa" not in brazilian
