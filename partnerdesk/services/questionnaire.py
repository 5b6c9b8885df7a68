"""The onboarding questionnaire as one editable draft: read, validate, save whole in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from partnerdesk.domain.enums import AnswerType
from partnerdesk.domain.errors import ValidationError
from partnerdesk.l10n import N_
from partnerdesk.services.base import apply_changes
from partnerdesk.services.whole_draft import WholeDraftService
from partnerdesk.store.models import Question, Questionnaire

MAX_QUESTIONS = 200


@dataclass(frozen=True)
class QuestionDraft:
    text: str
    answer_type: AnswerType = AnswerType.SHORT_TEXT
    choices: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class QuestionnaireDraft:
    title: str = ""
    intro: str = ""
    questions: tuple[QuestionDraft, ...] = field(default_factory=tuple)


def validate(draft: QuestionnaireDraft) -> QuestionnaireDraft:
    """A cleaned copy: trimmed texts, choices only for multiple-choice questions (at least two, no repeats)."""
    title = draft.title.strip()
    if not title:
        raise ValidationError(N_("The questionnaire needs a title."), field="title")
    if len(title) > 300:
        raise ValidationError(N_("The questionnaire's title is longer than {count} characters."), field="title",
                              count=300)
    if len(draft.questions) > MAX_QUESTIONS:
        raise ValidationError(N_("A questionnaire can hold at most {count} questions."), field="questions",
                              count=MAX_QUESTIONS)
    questions = []
    for number, q in enumerate(draft.questions, start=1):
        text = q.text.strip()
        if not text:
            raise ValidationError(N_("Question {number} has no text."), field="questions", number=number)
        kind = AnswerType(q.answer_type)
        choices: tuple[str, ...] = ()
        if kind == AnswerType.CHOICE:
            seen: dict[str, str] = {}
            for choice in q.choices:
                choice = choice.strip()
                if choice and choice.casefold() not in seen:
                    seen[choice.casefold()] = choice
            choices = tuple(seen.values())
            if len(choices) < 2:
                raise ValidationError(N_("Question {number} is multiple choice: give it at least two different "
                                         "answers."), field="questions", number=number)
        questions.append(QuestionDraft(text, kind, choices, bool(q.required)))
    return QuestionnaireDraft(title, draft.intro.strip(), tuple(questions))


def _draft_of(form: Questionnaire) -> QuestionnaireDraft:
    return QuestionnaireDraft(form.title, form.intro or "", tuple(
        QuestionDraft(q.text, q.answer_type, tuple(str(c) for c in q.choices or ()), bool(q.required))
        for q in form.questions))


class QuestionnaireService(WholeDraftService[QuestionnaireDraft]):
    """The workspace's onboarding questionnaire (the first one; packets use the same)."""

    model = Questionnaire
    entity = "questionnaire"
    label = "title"

    empty = staticmethod(QuestionnaireDraft)
    clean = staticmethod(validate)
    draft_of = staticmethod(_draft_of)

    def write(self, form: Questionnaire, before: QuestionnaireDraft | None,
              clean: QuestionnaireDraft) -> dict[str, Any]:
        diff = apply_changes(form, {"title": clean.title, "intro": clean.intro})
        if before is None or before.questions != clean.questions:
            form.questions = [Question(text=q.text, answer_type=q.answer_type, choices=list(q.choices),
                                       required=q.required, position=i) for i, q in enumerate(clean.questions)]
            diff["questions"] = [len(before.questions) if before else 0, len(clean.questions)]
        return diff
