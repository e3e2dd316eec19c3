"""The programme's evaluation, from Slack or Teams: the form once a convention has ended, and its answer.

About the programme (satisfaction, the matching, the rhythm and length, the coordination's support, would
you recommend it, one suggestion), not the relationship: that is the bilan. Coordinators read aggregates
only, from 5 answers up (bot/services/evaluations.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import N_, t
from bot.services import evaluations

RATING_KEYS = {"satisfaction": N_("evaluation.q.satisfaction"), "matching": N_("evaluation.q.matching"),
               "rhythm": N_("evaluation.q.rhythm"), "support": N_("evaluation.q.support")}
SCALE_KEYS = (N_("evaluation.scale.1"), N_("evaluation.scale.2"), N_("evaluation.scale.3"), N_("evaluation.scale.4"),
              N_("evaluation.scale.5"))
RECOMMEND_KEYS = {"yes": N_("evaluation.recommend.yes"), "maybe": N_("evaluation.recommend.maybe"),
                  "no": N_("evaluation.recommend.no")}
FIELDS = (*evaluations.RATINGS, "recommend", "suggestion")


@dataclass(frozen=True)
class EvaluationFormView:
    lang: str
    convention_id: int
    programme: str
    questions: list[tuple[str, str]]  # (field, question)
    scale: list[tuple[str, str]]  # (label, "1".."5")
    recommend: list[tuple[str, str]]
    suggestion_limit: int = evaluations.SUGGESTION_LIMIT
    threshold: int = evaluations.THRESHOLD


def evaluation_form(session: Session, actor: Actor, convention_id: int | None) -> EvaluationFormView:
    convention = evaluations.to_evaluate(session, actor.person, convention_id)
    lang = actor.lang
    return EvaluationFormView(
        lang, convention.id, convention.programme.name,
        [(name, t(lang, key)) for name, key in RATING_KEYS.items()],
        [(t(lang, key), str(n)) for n, key in enumerate(SCALE_KEYS, start=1)],
        [(t(lang, key), value) for value, key in RECOMMEND_KEYS.items()])


def save_evaluation(session: Session, actor: Actor, now: datetime, convention_id: int,
                    typed: evaluations.EvaluationInput) -> str:
    evaluations.save(session, actor.person, convention_id, typed, now)
    return t(actor.lang, "evaluation.thanks", threshold=evaluations.THRESHOLD)
