"""The onboarding questionnaire: each question with an answer area that suits its answer type, fillable on
screen (AcroForm fields) and with ruled lines, boxes and circles for paper."""

from __future__ import annotations

import datetime as dt

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer

from partnerdesk.domain.enums import AnswerType
from partnerdesk.l10n.formats import format_date
from partnerdesk.packets import fonts, rtl, texts
from partnerdesk.packets.data import OnboardingData, QuestionRow
from partnerdesk.packets.formfont import use_embedded_form_font
from partnerdesk.packets.kit import INK, Kit
from partnerdesk.packets.render import draw_runs

LINE = colors.HexColor("#AEB6C6")
LINE_PITCH = 8 * mm
BOX = 3.6 * mm


class AnswerLines(Flowable):
    """A fillable text field over ruled lines (one line for short answers, several for long ones)."""

    def __init__(self, kit: Kit, name: str, lines: int, fillable: bool, width: float | None = None,
                 hint: str = "", tooltip: str = "") -> None:
        super().__init__()
        self.kit, self.name, self.lines, self.fillable, self.hint = kit, name, max(1, lines), fillable, hint
        self.tooltip = tooltip or name
        self.width = width or kit.width
        self.height = self.lines * LINE_PITCH + 2 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c, kit = self.canv, self.kit
        x0 = kit.width - self.width if kit.rtl else 0
        c.setStrokeColor(LINE)
        c.setLineWidth(0.4)
        for i in range(self.lines):
            y = i * LINE_PITCH + 1 * mm
            c.line(x0, y, x0 + self.width, y)
        if self.hint:  # an example date in the packet's format, at the line's far end
            c.setFillColor(LINE)
            hint = rtl.visual_lines(self.hint, kit.family, 7, 1e6)[0] if kit.rtl else self.hint
            draw_runs(c, x0 if kit.rtl else x0 + self.width, 2 * mm, hint, kit.family, 7, right=not kit.rtl)
        if not self.fillable:
            return
        use_embedded_form_font(c, fonts.LATIN, kit.lang)
        flags = "multiline" if self.lines > 1 else ""
        c.acroForm.textfield(name=self.name, x=x0, y=1 * mm, width=self.width, height=self.height - 2 * mm,
                             borderWidth=0, fillColor=None, textColor=INK, fieldFlags=flags, fontSize=10,
                             relative=True, tooltip=self.tooltip, maxlen=2000 if self.lines > 1 else 200)


class Options(Flowable):
    """Labelled boxes (multiple choice) or circles (yes/no), wrapped into rows; mirrored in right-to-left."""

    def __init__(self, kit: Kit, name: str, labels: list[str], radio: bool, fillable: bool) -> None:
        super().__init__()
        self.kit, self.name, self.labels, self.radio, self.fillable = kit, name, labels, radio, fillable
        self.size = 9
        self.items: list[tuple[int, float, str, str]] = []  # row, x of the box, visual label, logical label

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        kit = self.kit
        self.width = avail_width
        x, row, self.items = 0.0, 0, []
        for label in self.labels:
            visual = rtl.visual_lines(label, kit.family, self.size, 1e6)[0] if kit.rtl else label
            w = sum(stringWidth(chunk, fam, self.size) for fam, chunk in fonts.runs(visual, kit.family))
            need = BOX + 2 * mm + w
            if x and x + need > avail_width:
                x, row = 0.0, row + 1
            self.items.append((row, x, visual, label))
            x += need + 8 * mm
        self.rows = row + 1 if self.labels else 0
        self.height = self.rows * 8 * mm
        return self.width, self.height

    def draw(self) -> None:
        c, kit = self.canv, self.kit
        c.setStrokeColor(colors.HexColor("#7C869A"))
        c.setLineWidth(0.6)
        for i, (row, x, visual, label) in enumerate(self.items):
            y = self.height - (row + 1) * 8 * mm + 2 * mm
            box_x = self.width - x - BOX if kit.rtl else x
            label_x = box_x - 2 * mm if kit.rtl else box_x + BOX + 2 * mm
            if self.radio:  # our own circle: ReportLab's radio appearance draws a tiny one
                c.circle(box_x + BOX / 2, y + BOX / 2, BOX / 2, stroke=1, fill=0)
            elif not self.fillable:
                c.rect(box_x, y, BOX, BOX, stroke=1, fill=0)
            if self.fillable and self.radio:
                c.acroForm.radio(name=self.name, value=f"option{i + 1}", x=box_x, y=y, size=BOX, buttonStyle="circle",
                                 shape="circle", selected=False, borderWidth=0, borderColor=None, fillColor=None,
                                 textColor=INK, relative=True, tooltip=label)
            elif self.fillable:
                c.acroForm.checkbox(name=f"{self.name}_{i + 1}", x=box_x, y=y, size=BOX, buttonStyle="check",
                                    shape="square", checked=False, borderWidth=0.6,
                                    borderColor=colors.HexColor("#7C869A"), fillColor=None, textColor=INK,
                                    relative=True, tooltip=label)
            c.setFillColor(INK)
            draw_runs(c, label_x, y + 0.8 * mm, visual, kit.family, self.size, right=kit.rtl)


def _date_hint(kit: Kit, year: int) -> str:
    """"e.g. 31/12/2026" in the packet's short date format (the 31st shows which number is the day)."""
    return kit.t(texts.DATE_EXAMPLE, date=format_date(dt.date(year, 12, 31), "short", lang=kit.lang))


def answer_area(kit: Kit, number: int, q: QuestionRow, fillable: bool, year: int) -> Flowable:
    name = f"q{number}"
    kind = q.answer_type
    if kind == AnswerType.YES_NO.value:
        return Options(kit, name, [kit.t(texts.YES), kit.t(texts.NO)], radio=True, fillable=fillable)
    if kind == AnswerType.CHOICE.value and q.choices:
        return Options(kit, name, list(q.choices), radio=False, fillable=fillable)
    if kind == AnswerType.DATE.value:
        return AnswerLines(kit, name, 1, fillable, 0.4 * kit.width, _date_hint(kit, year), q.text)
    if kind == AnswerType.NUMBER.value:
        return AnswerLines(kit, name, 1, fillable, 0.4 * kit.width, tooltip=q.text)
    if kind == AnswerType.SHORT_TEXT.value:
        return AnswerLines(kit, name, 1, fillable, tooltip=q.text)
    return AnswerLines(kit, name, max(q.lines, 3), fillable, tooltip=q.text)


def questionnaire(kit: Kit, data: OnboardingData, fillable: bool) -> list[Flowable]:
    t = kit.t
    story = kit.section(t(texts.QUESTIONNAIRE), new_page=True)
    if data.questionnaire_title:
        story.append(kit.sub(data.questionnaire_title))
    if data.questionnaire_intro:
        story.append(kit.p(data.questionnaire_intro))
    story.append(Spacer(1, 3 * mm))
    for number, q in enumerate(data.questions, start=1):
        text = f"{number}. {rtl.embed_ltr(q.text) if kit.rtl else q.text}" + (
            f" {t(texts.REQUIRED)}" if q.required else "")
        if kit.rtl:
            text = rtl.embed_rtl(text)
        story.append(KeepTogether([kit.p(text, kit.cell_bold), Spacer(1, 1.5 * mm),
                                   answer_area(kit, number, q, fillable, data.today.year), Spacer(1, 5 * mm)]))
    return story
