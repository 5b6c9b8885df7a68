"""Native-quality rules over the catalogs: glossary terms, language variant, punctuation, bidi isolates.

Used by `tools/i18n.py check` and by tests/core/test_i18n_native.py. Each rule returns readable problems
("el: 'Scope' uses 'εύρος' (avoid) …"); i18n/GLOSSARY.md explains every rule for translators.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "i18n" / "GLOSSARY.md"
COLUMNS = ("pt", "pt_PT", "ja", "it", "el", "ar")
FSI, PDI = "\u2068", "\u2069"

# European Portuguese words that have no place in the Brazilian catalog (and the reverse for pt_PT).
EUROPEAN_ONLY = ("ficheiro", "ficheiros", "guardar", "guardado", "guardados", "eliminar", "eliminado", "eliminados",
                 "lixo", "em curso", "definições", "âmbito", "partilhar", "partilha", "encomenda", "encomendas",
                 "ponto de situação", "pontos de situação", "registo", "registos", "ecrã", "utilizador",
                 "utilizadores", "contacto", "contactos", "equipa", "equipas", "telemóvel", "predefinição",
                 "gerir", "connosco", "facto", "sítio web", "transferir o", "descarregar")
BRAZILIAN_ONLY = ("arquivo", "arquivos", "salvar", "excluir", "lixeira", "em andamento", "configurações", "escopo",
                  "compartilhar", "contato", "contatos", "equipe", "equipes", "celular", "usuário", "tela",
                  "gerenciar", "conosco", "registro", "registros")
# Placeholders that carry user data or code-like text: in Arabic they sit inside FSI … PDI.
USER_DATA = frozenset({
    "a", "answer", "b", "choices", "company", "contract", "encoding", "error", "family", "file", "first", "folder",
    "hex", "invoice", "item", "message", "mine", "name", "opened", "owner", "packet", "partner", "path",
    "pattern", "property", "reason", "ref", "second", "shortcut", "summary", "tags", "task", "text", "theirs",
    "title", "updated", "url", "value", "workspace", "zone",
})
# A Latin run that breaks apart in right-to-left text: extensions, shortcuts, hex colours, formats, options.
CODE_LIKE = re.compile(r"\(\.[a-z]+\)|\b(?:Ctrl|Alt|Shift)\+\S+|#[0-9A-Fa-f]{6}\b|YYYY-MM-DD|--[a-z-]+|"
                       r"\b(?:BEGIN|END):[A-Z]+|\(DTSTART\)")
JAPANESE = "\u3040-\u30ff\u3400-\u9fff\uff01-\uff60"


@dataclass
class Term:
    english: tuple[str, ...]
    forms: dict[str, tuple[str, ...]]
    avoid: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def pattern(self) -> re.Pattern[str]:
        words = "|".join(re.escape(w) for w in self.english)
        return re.compile(rf"(?<![\w-])(?:{words})(?:s|es|d|ed|ing)?(?![\w-])", re.IGNORECASE)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(" / ") if part.strip())


def load_glossary(path: Path = GLOSSARY) -> tuple[list[Term], dict[str, set[str]]]:
    """The glossary table and the "other senses" list (term -> msgids the term check skips)."""
    terms: list[Term] = []
    other: dict[str, set[str]] = {}
    in_other = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_other = line.strip() == "## Other senses"
            continue
        if in_other and line.startswith("- ") and ":" in line:
            term, _sep, msgid = line[2:].partition(": ")
            other.setdefault(term.strip(), set()).add(msgid.strip())
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 9 or cells[0] in ("English", "") or set(cells[0]) <= {"-"}:
            continue
        forms = {lang: _split(cell) for lang, cell in zip(COLUMNS, cells[1:7], strict=True)}
        avoid: dict[str, tuple[str, ...]] = {}
        for chunk in cells[7].split(";"):
            lang, sep, words = chunk.partition(":")
            if sep:
                avoid[lang.strip()] = _split(words)
        terms.append(Term(_split(cells[0]), forms, avoid))
    return terms, other


def fold(text: str) -> str:
    """Case, accents and Arabic harakat folded away; Greek final sigma made medial."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "\u0640")
    return unicodedata.normalize("NFC", kept).replace("ς", "σ")


def _stem(word: str) -> str:
    """Latin and Greek words lose their ending (1 letter up to 6 letters, 2 beyond): "επαφή" matches "επαφές"."""
    if not word.isalpha() or re.search(f"[{JAPANESE}\u0600-\u06ff]", word) or len(word) < 4:
        return word
    return word[:-1] if len(word) <= 6 else word[:-2]


def uses_form(text: str, form: str) -> bool:
    """True if ``text`` holds ``form`` in any inflection (each word compared on its stem)."""
    folded = fold(text)
    words = [_stem(fold(w)) for w in form.split()]
    return all(w in folded for w in words)


def avoids_form(text: str, form: str) -> bool:
    """True if ``text`` holds ``form`` at the start of a word (inflected endings included)."""
    folded, wanted = fold(text), fold(form)
    if re.search(f"[{JAPANESE}]", wanted):
        return wanted in folded
    return re.search(rf"(?<![\w-]){re.escape(wanted)}", folded) is not None


def strings(msg: Message) -> list[str]:
    return [s for s in (msg.string if isinstance(msg.string, tuple | list) else [msg.string]) if s]


def msgid(msg: Message) -> str:
    return msg.id if isinstance(msg.id, str) else msg.id[0]


def _translatable(catalog: Catalog) -> list[Message]:
    # Qt's own widget strings (msgctxt = a Qt class such as QFileDialog) follow Qt's vocabulary, not ours.
    return [m for m in catalog if m.id and not (m.context or "").startswith("Q")]


def glossary_problems(lang: str, catalog: Catalog, column: str | None = None) -> list[str]:
    terms, other = load_glossary()
    column = column or lang
    out: list[str] = []
    for msg in _translatable(catalog):
        source = " ".join(msg.id) if isinstance(msg.id, tuple | list) else msg.id
        source = re.sub(r"\{[^{}]*\}", "", source.replace("&", ""))  # {partner} is not the word "partner"
        for term in terms:
            if not term.pattern.search(source) or msgid(msg) in other.get(term.english[0], set()):
                continue
            for text in strings(msg):
                plain = text.replace("&", "")
                if not any(uses_form(plain, form) for form in term.forms.get(column, ())):
                    out.append(f"{lang}: {msgid(msg)!r} does not use the glossary's {term.english[0]!r} "
                               f"({' / '.join(term.forms.get(column, ()))}): {text!r}")
                    break
                bad = [w for w in term.avoid.get(column, ()) if avoids_form(plain, w)]
                if bad:
                    out.append(f"{lang}: {msgid(msg)!r} uses {bad[0]!r} for {term.english[0]!r}: {text!r}")
                    break
    return out


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE) is not None


def variant_problems(lang: str, catalog: Catalog) -> list[str]:
    """Brazilian catalog without European-only words (and pt_PT without Brazilian-only ones)."""
    forbidden = {"pt": EUROPEAN_ONLY, "pt_PT": BRAZILIAN_ONLY}.get(lang, ())
    out = []
    for msg in _translatable(catalog):
        for text in strings(msg):
            found = [w for w in forbidden if _has_word(text, w)]
            if found:
                out.append(f"{lang}: {msgid(msg)!r} uses {found[0]!r} (other Portuguese variant): {text!r}")
    return out


def _placeholders(text: str) -> list[re.Match[str]]:
    return list(re.finditer(r"\{([a-z_]+)[^{}]*\}", text))


def style_problems(lang: str, catalog: Catalog) -> list[str]:
    """Punctuation, quotes, slash forms, register and isolates, per language."""
    out: list[str] = []
    for msg in _translatable(catalog):
        source = " ".join(msg.id) if isinstance(msg.id, tuple | list) else msg.id
        for text in strings(msg):
            found = _style(lang, source, text, msg)
            out.extend(f"{lang}: {msgid(msg)!r} {problem}: {text!r}" for problem in found)
    return out


def _style(lang: str, source: str, text: str, msg: Message) -> list[str]:
    found: list[str] = []
    quotes_in_source = "“" in source or "«" in source
    if lang == "el":
        if re.search(r"\b[\u0370-\u03ff]+/[\u0370-\u03ff]+\b", text):
            found.append("uses a slash form (ο/η, τον/την): rephrase")
        if "“" in text or "”" in text:
            found.append("uses “ ” (Greek quotes are « »)")
    if lang in ("it", "pt", "pt_PT") and "«" in text and "«" not in source:
        found.append("uses « » (this catalog quotes with “ ”)")
    if lang == "ar":
        if "“" in text or "”" in text:
            found.append("uses “ ” (Arabic quotes are « »)")
        for match in _placeholders(text):
            if match.group(1) in USER_DATA and not (text[:match.start()].endswith(FSI)
                                                    and text[match.end():].startswith(PDI)):
                found.append(f"leaves {match.group(0)} without FSI…PDI isolates")
        for match in CODE_LIKE.finditer(text):
            before = text[:match.start()]
            if before.count(FSI) <= before.count(PDI):
                found.append(f"leaves the Latin run {match.group(0)!r} without FSI…PDI isolates")
    if lang == "ja":
        if "“" in text or "”" in text:
            found.append("uses “ ” (Japanese quotes are 「」)")
        if re.search(rf"[}}」] +[{JAPANESE}{{]|[{JAPANESE}}}] +[{{「]", text):
            found.append("has a space between a placeholder and Japanese text")
        for inner in re.findall(r"\(([^()]*)\)", text):
            if re.search(f"[{JAPANESE}]", inner):
                found.append("uses half-width ( ) around Japanese text (use （ ）)")
        if "当社のお" in text or "当社のご" in text:
            found.append("puts an honorific お/ご on our own action")
        if "敬具" in text and "拝啓" not in text:
            found.append("closes with 敬具 without opening with 拝啓")
        locations = {path for path, _line in msg.locations}
        is_cli_help = any(p.startswith("partnerdesk/cli") for p in locations) and source[:1].islower()
        ending = re.sub(r"（[^（）]*）$", "", text)  # a closing parenthetical does not end the phrase
        if is_cli_help and re.search(r"(ます|する|です|[るう]|ない)。?$", ending):
            found.append("CLI help must be a noun phrase (no する/します, no plain verb ending)")
    del quotes_in_source
    return found


def fragment_problems(template: Catalog) -> list[str]:
    """Sentences glued from separately translated words that need agreement."""
    out = []
    bare = {"first", "second", "third", "fourth", "fifth", "last", "on the"}
    for msg in template:
        if not msg.id:
            continue
        text = msgid(msg)
        if text.strip().lower() in bare and not msg.context:
            out.append(f"template: {text!r} is a bare ordinal/article: translate whole phrases with a context")
        if re.search(r"\{(weekday|month|ordinal|nth)\}", text):
            out.append(f"template: {text!r} glues a weekday/month/ordinal into a sentence: use whole phrases")
    return out


def problems(lang: str, catalog: Catalog) -> list[str]:
    return glossary_problems(lang, catalog) + variant_problems(lang, catalog) + style_problems(lang, catalog)


# --- mechanical fixes (`tools/i18n.py autofix`) ---------------------------------------------------------------
def _fix_ar(text: str) -> str:
    text = re.sub(r"”([^“”]*)“", r"«\1»", text).replace("“", "«").replace("”", "»")
    names = "|".join(sorted(USER_DATA))
    text = re.sub(rf"(?<!{FSI})\{{({names})\}}(?!{PDI})", lambda m: FSI + m.group(0) + PDI, text)
    out, last = [], 0
    for match in CODE_LIKE.finditer(text):
        before = text[:match.start()]
        if before.count(FSI) > before.count(PDI):
            continue
        out.append(text[last:match.start()] + FSI + match.group(0) + PDI)
        last = match.end()
    return "".join(out) + text[last:]


def _fix_ja(text: str) -> str:
    text = re.sub(r"“([^“”]*)”", r"「\1」", text)
    text = re.sub(rf"([}}」]) +(?=[{JAPANESE}{{])", r"\1", text)
    text = re.sub(rf"(?<=[{JAPANESE}}}]) +([{{「])", r"\1", text)

    def paren(match: re.Match[str]) -> str:
        inner = match.group(1)
        return f"（{inner}）" if re.search(f"[{JAPANESE}]", inner) else match.group(0)

    return re.sub(r" ?\(([^()]*)\)", paren, text)


def _fix_el(text: str) -> str:
    return re.sub(r"“([^“”]*)”", r"«\1»", text)


FIXERS = {"ar": _fix_ar, "ja": _fix_ja, "el": _fix_el}


def autofix(lang: str, catalog: Catalog) -> int:
    """Apply the mechanical rules (quotes, Arabic isolates, Japanese spacing and brackets); returns how many
    entries changed. Glossary, variant and grammar problems need a translator and are only reported."""
    fixer = FIXERS.get(lang)
    changed = 0
    for msg in _translatable(catalog) if fixer else []:
        if isinstance(msg.string, tuple | list):
            new: str | tuple[str, ...] = tuple(fixer(s) for s in msg.string)  # type: ignore[misc]
        else:
            new = fixer(msg.string)  # type: ignore[misc]
        if new != msg.string:
            msg.string, changed = new, changed + 1
    return changed
