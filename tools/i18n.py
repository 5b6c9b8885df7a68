"""Catalog maintenance: extract messages to i18n/partnerdesk.pot, update the .po files, compile .mo files.

    python tools/i18n.py extract   # scan partnerdesk/ and rewrite the template
    python tools/i18n.py update    # extract, then merge the template into every language's .po
    python tools/i18n.py compile   # build the .mo files next to the .po files
    python tools/i18n.py autofix   # apply the mechanical rules of i18n/GLOSSARY.md (quotes, Arabic isolates,
                                   # Japanese spacing and brackets) to every catalog, then run check
    python tools/i18n.py check     # report untranslated/fuzzy entries, wrong plural forms and every
                                   # native-quality rule of i18n/GLOSSARY.md (exit 1 if any)
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

sys.path.insert(0, str(Path(__file__).resolve().parent))  # i18n_native beside this file

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "i18n"
POT = I18N / "partnerdesk.pot"
LANGS = ("pt", "ja", "it", "el", "ar")
# Overlay catalogs hold only the entries that differ from their base language (pt_PT: European Portuguese).
OVERLAYS = {"pt_PT": "pt"}
LANGUAGE_TEAMS = {"pt": "Portuguese (Brazil)", "pt_PT": "Portuguese (Portugal)", "ja": "Japanese", "it": "Italian",
                  "el": "Greek", "ar": "Arabic"}
FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
KEYWORDS = {"_": None, "N_": None, "NP_": ((1, "c"), 2), "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
            "npgettext": ((1, "c"), 2, 3)}


def build_template() -> Catalog:
    with open(I18N / "babel.cfg") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    # Fixed dates keep the files stable, so parallel branches merge without header conflicts.
    catalog = Catalog(project="PartnerDesk", version="0.1", charset="utf-8", creation_date=FIXED_DATE,
                      revision_date=FIXED_DATE, copyright_holder="PartnerDesk developers",
                      msgid_bugs_address="")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def extract() -> Catalog:
    catalog = build_template()
    with open(POT, "wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False, sort_output=False, no_location=False,
                 include_lineno=False)
    return catalog


def po_path(lang: str) -> Path:
    return I18N / lang / "LC_MESSAGES" / "partnerdesk.po"


def read(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, project="PartnerDesk")
    with open(path, "rb") as fh:
        return read_po(fh, locale=lang, abort_invalid=False)


def cldr_plural_forms(lang: str) -> tuple[int, str]:
    """(nplurals, expression) of CLDR's plural rule for the language, as Babel states it."""
    from babel.messages.plurals import get_plural

    rule = get_plural(lang)
    return rule.num_plurals, rule.plural_expr


def _use_cldr_plurals(catalog: Catalog, lang: str) -> None:
    """Set the catalog's Plural-Forms to CLDR's rule and move entries written for the old rule.

    Portuguese and Italian gained CLDR's "many" form (exact millions) in index 1, before "other": an entry
    translated under the old two-form header ([one, other], or [one, other, ""] once read under the new
    header) becomes [one, other, other]; other languages' entries are left for `check` to report.
    """
    nplurals, expr = cldr_plural_forms(lang)
    catalog._num_plurals, catalog._plural_expr = nplurals, expr  # noqa: SLF001 - Babel keeps the header here
    if lang not in ("pt", "it"):
        return
    for msg in catalog:
        if msg.id and isinstance(msg.string, tuple | list):
            strings = list(msg.string)
            if len(strings) == 3 and strings[0] and strings[1] and not strings[2]:
                strings = strings[:2]
            if len(strings) == 2 and all(strings):
                msg.string = (strings[0], strings[1], strings[1])


def update() -> None:
    template = extract()
    for lang in LANGS:
        catalog = read(lang)
        _use_cldr_plurals(catalog, lang)
        catalog.update(template, no_fuzzy_matching=True)
        _write(lang, catalog)
    wanted = {(m.id if isinstance(m.id, str) else m.id[0], m.context): m for m in template if m.id}
    for lang in OVERLAYS:
        overlay = read(lang)
        _use_cldr_plurals(overlay, lang)
        for msg in list(overlay):
            key = (msg.id if isinstance(msg.id, str) else msg.id[0], msg.context) if msg.id else None
            if key is not None and key not in wanted:
                overlay.delete(msg.id, context=msg.context)  # the base language's entry is gone: so is ours
            elif key is not None:
                msg.locations, msg.auto_comments = wanted[key].locations, wanted[key].auto_comments
        _write(lang, overlay)


def _write(lang: str, catalog: Catalog) -> None:
    catalog.obsolete.clear()
    catalog.fuzzy = False
    catalog.project, catalog.version = "PartnerDesk", "VERSION"
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    catalog.last_translator = "PartnerDesk developers"
    catalog.language_team = LANGUAGE_TEAMS[lang]
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        write_po(fh, catalog, width=100, include_lineno=False, ignore_obsolete=True)


def compile_all() -> None:
    for lang in (*LANGS, *OVERLAYS):
        catalog = read(lang)
        with open(po_path(lang).with_suffix(".mo"), "wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)


def effective(lang: str) -> Catalog:
    """What an overlay language reads: its base catalog with the overlay's entries on top."""
    merged = read(OVERLAYS[lang])
    own = read(lang)
    for msg in own:
        if msg.id:
            base = merged.get(msg.id if isinstance(msg.id, str) else msg.id[0], context=msg.context)
            if base is not None:
                base.string = msg.string
    return merged


def problems() -> list[str]:
    """Everything `check` reports: completeness, plural forms, and the native-quality rules (GLOSSARY.md)."""
    import i18n_native

    template = build_template()
    wanted = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in template if m.id}
    out: list[str] = []
    for lang in LANGS:
        catalog = read(lang)
        have = {(m.id if isinstance(m.id, str) else m.id[0], m.context): m for m in catalog if m.id}
        for key in sorted(wanted, key=lambda k: (k[1] or "", k[0])):
            msg = have.get(key)
            strings = msg.string if msg else None
            if msg is None:
                out.append(f"{lang}: missing {key[0]!r}")
            elif msg.fuzzy:
                out.append(f"{lang}: fuzzy {key[0]!r}")
            elif not strings or (isinstance(strings, tuple | list) and not all(strings)):
                out.append(f"{lang}: untranslated {key[0]!r}")
            elif isinstance(strings, tuple | list) and len(strings) != catalog.num_plurals:
                out.append(f"{lang}: {key[0]!r} has {len(strings)} plural forms, {catalog.num_plurals} wanted")
        nplurals, expr = cldr_plural_forms(lang)
        if (catalog.num_plurals, catalog.plural_expr) != (nplurals, expr):
            out.append(f"{lang}: Plural-Forms is not CLDR's (run `tools/i18n.py update`): nplurals={nplurals}; "
                       f"plural={expr}")
        out.extend(i18n_native.problems(lang, catalog))
    for lang in OVERLAYS:
        overlay = read(lang)
        for msg in overlay:
            if msg.id and (msg.id if isinstance(msg.id, str) else msg.id[0], msg.context) not in wanted:
                out.append(f"{lang}: obsolete {msg.id!r} (run `tools/i18n.py update`)")
            elif msg.id and (msg.fuzzy or not all(i18n_native.strings(msg))):
                out.append(f"{lang}: fuzzy or untranslated {msg.id!r}")
        nplurals, expr = cldr_plural_forms(lang)
        if (overlay.num_plurals, overlay.plural_expr) != (nplurals, expr):
            out.append(f"{lang}: Plural-Forms is not CLDR's (run `tools/i18n.py update`)")
        out.extend(i18n_native.problems(lang, effective(lang)))
    out.extend(i18n_native.fragment_problems(template))
    return out


def main(argv: list[str]) -> int:
    cmd = argv[1] if len(argv) > 1 else "update"
    if cmd == "extract":
        extract()
    elif cmd == "update":
        update()
    elif cmd == "compile":
        compile_all()
    elif cmd == "autofix":
        import i18n_native

        for lang in LANGS:
            catalog = read(lang)
            changed = i18n_native.autofix(lang, catalog)
            if changed:
                _write(lang, catalog)
                print(f"{lang}: {changed} entries fixed")
        found = problems()
        print("\n".join(found) or "all catalogs complete")
        return 1 if found else 0
    elif cmd == "check":
        found = problems()
        print("\n".join(found) or "all catalogs complete")
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
