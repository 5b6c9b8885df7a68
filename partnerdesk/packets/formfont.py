"""An embedded font for fillable form fields (ReportLab's AcroForm only knows the unembedded standard 14).

ReportLab writes every AcroForm field with a font from the standard 14 (``Helvetica`` by default): its
appearance streams and the form's default resources (``/DR``) then reference a font that is not embedded.
``use_embedded_form_font`` replaces that font, for one canvas, by a TrueType subset of a bundled font:

- the subset holds 256 codes: ASCII at its own codes and, above 127, the characters a person filling in the
  form in the packet's language needs most (Latin-1/WinAnsi letters, or the Greek alphabet with tonos);
- the font dictionary carries ``/Encoding`` (WinAnsi base + ``/Differences`` with ``uniXXXX`` glyph names) and a
  ``/ToUnicode`` map, so a viewer that builds a new appearance for typed text can find each character's code;
- the font program is embedded (``/FontFile2``), so ``pdffonts`` lists ``emb=yes`` for every font.

Japanese and Arabic do not fit a 256-code simple font; for those packets the field font covers Latin text and
viewers fall back to their own fonts for the rest while typing (the printed ruled lines stay the paper path).
"""

from __future__ import annotations

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.acroform import PDFFromString
from reportlab.pdfbase.ttfonts import makeToUnicodeCMap
from reportlab.pdfgen.canvas import Canvas

FORM_FONT_NAME = "PDForm"  # the resource name fields use in /DA ("/PDForm 10 Tf")

_GREEK = ("ΆΈΉΊΌΎΏΐΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΪΫάέήίΰαβγδεζηθικλμνξοπρςστυφχψωϊϋόύώ"
          "«»–—‘’“”…€·")


def _high_characters(lang: str) -> list[str]:
    """The 128 characters placed at codes 128–255 for a form in ``lang``."""
    if lang == "el":
        chars = list(dict.fromkeys(_GREEK))
    else:
        chars = [bytes([code]).decode("cp1252", errors="replace") for code in range(128, 256)]
        chars = [c if c != "\ufffd" else " " for c in chars]
    return (chars + [" "] * 128)[:128]


def _subset(lang: str) -> list[int]:
    low = [32] * 32 + list(range(32, 127)) + [32]
    return low + [ord(c) for c in _high_characters(lang)]


def _differences(subset: list[int]) -> str:
    names = " ".join(f"/uni{code:04X}" for code in subset[128:])
    return f"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [128 {names}] >>"


def use_embedded_form_font(canvas: Canvas, family: str, lang: str) -> None:
    """Make every AcroForm field drawn on ``canvas`` use an embedded subset of ``family``."""
    form = canvas.acroForm
    if getattr(form, "_partnerdesk_font", None) is not None:
        return
    doc = canvas._doc
    face = pdfmetrics.getFont(family).face
    subset = _subset(lang)
    base_name = f"PDFORM+{face.name.decode('latin-1') if isinstance(face.name, bytes) else face.name}"
    font = pdfdoc.PDFTrueTypeFont()
    font.Name = FORM_FONT_NAME
    font.BaseFont = base_name
    font.FirstChar = 0
    font.LastChar = 255
    font.Widths = pdfdoc.PDFArray([face.getCharWidth(code) for code in subset])
    font.Encoding = PDFFromString(_differences(subset))
    cmap = pdfdoc.PDFStream()
    cmap.content = makeToUnicodeCMap(base_name, subset)
    if doc.compression:
        cmap.filters = [pdfdoc.PDFZCompress]
    font.ToUnicode = doc.Reference(cmap, f"toUnicodeCMap:{base_name}")
    font.FontDescriptor = face.addSubsetObjects(doc, base_name, subset)
    ref = form.getRefStr(font)

    def make_font(_font_name: str | None) -> tuple[str, str]:
        form.fonts[FORM_FONT_NAME] = ref
        return ref, FORM_FONT_NAME

    form.makeFont = make_font
    form._partnerdesk_font = ref
