"""Brand guide and onboarding questionnaire content."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnerdesk.domain.enums import AnswerType, RuleKind
from partnerdesk.store.models.base import Base, Timestamps, Versioned, enum_column


class BrandGuide(Timestamps, Versioned, Base):
    __tablename__ = "brand_guides"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    story: Mapped[str] = mapped_column(Text, default="")
    tone_of_voice: Mapped[str] = mapped_column(Text, default="")
    imagery: Mapped[str] = mapped_column(Text, default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_mime: Mapped[str] = mapped_column(String(64), default="")

    colors: Mapped[list[BrandColor]] = relationship(cascade="all, delete-orphan", order_by="BrandColor.position")
    typefaces: Mapped[list[BrandTypeface]] = relationship(cascade="all, delete-orphan",
                                                          order_by="BrandTypeface.position")
    rules: Mapped[list[BrandRule]] = relationship(cascade="all, delete-orphan", order_by="BrandRule.position")


class BrandColor(Base):
    __tablename__ = "brand_colors"
    __table_args__ = (
        CheckConstraint("hex GLOB '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]'",
                        name="hex_format"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    guide_id: Mapped[int] = mapped_column(ForeignKey("brand_guides.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    hex: Mapped[str] = mapped_column(String(7))
    usage: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class BrandTypeface(Base):
    __tablename__ = "brand_typefaces"

    id: Mapped[int] = mapped_column(primary_key=True)
    guide_id: Mapped[int] = mapped_column(ForeignKey("brand_guides.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(100))  # e.g. Headings, Body
    family: Mapped[str] = mapped_column(String(200))
    usage: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class BrandRule(Base):
    __tablename__ = "brand_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    guide_id: Mapped[int] = mapped_column(ForeignKey("brand_guides.id", ondelete="CASCADE"), index=True)
    kind: Mapped[RuleKind] = mapped_column(enum_column(RuleKind, "rule_kind"))
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Questionnaire(Timestamps, Versioned, Base):
    __tablename__ = "questionnaires"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    intro: Mapped[str] = mapped_column(Text, default="")

    questions: Mapped[list[Question]] = relationship(cascade="all, delete-orphan", order_by="Question.position")


class Question(Base):
    __tablename__ = "questions"
    __table_args__ = (CheckConstraint("length(trim(text)) > 0", name="text_not_blank"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaires.id", ondelete="CASCADE"),
                                                  index=True)
    text: Mapped[str] = mapped_column(Text)
    answer_type: Mapped[AnswerType] = mapped_column(enum_column(AnswerType, "answer_type"))
    choices: Mapped[list[Any]] = mapped_column(JSON, default=list)
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
