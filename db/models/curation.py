"""Curation: producers' applications and the committee's reviews with their scores."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Id, Money, UTCDateTime, new_id, utcnow


class CurationApplication(Base):
    """A product proposed by a producer; its product row is pending until it is approved."""

    __tablename__ = "curation_applications"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), unique=True)
    producer_id: Mapped[str] = mapped_column(ForeignKey("producers.id"), index=True)
    sku: Mapped[str] = mapped_column(String(40), unique=True)
    name_th: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    category_code: Mapped[str] = mapped_column(ForeignKey("categories.code"))
    price: Mapped[Decimal] = mapped_column(Money)
    story_th: Mapped[str] = mapped_column(Text, default="")
    story_en: Mapped[str] = mapped_column(Text, default="")
    photos: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), index=True)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    reviews: Mapped[list[CurationReview]] = relationship(
        back_populates="application", order_by="CurationReview.recorded_at"
    )
    __table_args__ = (
        CheckConstraint(
            "status IN ('submitted','under_review','approved','rejected','changes_requested',"
            "'resubmitted')",
            name="status",
        ),
    )


class CurationReview(Base):
    """One sitting of the committee on an application: who was there, scores, decision."""

    __tablename__ = "curation_reviews"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    application_id: Mapped[str] = mapped_column(ForeignKey("curation_applications.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    members: Mapped[list[str]] = mapped_column(JSON)
    decision: Mapped[str] = mapped_column(String(20))
    total: Mapped[int] = mapped_column(Integer)
    pass_mark: Mapped[int] = mapped_column(Integer)
    remarks: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    application: Mapped[CurationApplication] = relationship(back_populates="reviews")
    scores: Mapped[list[CurationScore]] = relationship(cascade="all, delete-orphan")
    __table_args__ = (
        CheckConstraint("decision IN ('approve','reject','request_changes')", name="decision"),
    )


class CurationScore(Base):
    __tablename__ = "curation_scores"
    review_id: Mapped[str] = mapped_column(ForeignKey("curation_reviews.id"), primary_key=True)
    criterion: Mapped[str] = mapped_column(String(20), primary_key=True)
    score: Mapped[int] = mapped_column(Integer)
    __table_args__ = (CheckConstraint("score BETWEEN 0 AND 10", name="score"),)
