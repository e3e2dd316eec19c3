"""`rapport` (and the digest's « Recevoir le rapport complet »), from Slack or Teams: the figures of each
programme the coordinator may read, a chart per programme with pairs, and the CSV. Figures only:
never a word a pair wrote."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import t
from bot.notify import Attachment
from bot.services import audit
from bot.services.programme_report import ProgrammeReport, reports_for
from bot.services.report_files import chart_file, csv_file
from bot.services.report_text import title
from bot.services.roles import CoordinatorRule
from storage.models import Programme

REPORT_VIEWED = "report.viewed"


@dataclass(frozen=True)
class ReportPack:
    headline: str
    reports: list[ProgrammeReport]
    files: list[Attachment]  # the charts, then the CSV


def programme_reports(session: Session, actor: Actor, rule: CoordinatorRule, now: datetime,
                      programme_id: int | None = None) -> ReportPack:
    """Every programme of the workspace the person coordinates (reports_for asks the policy for each:
    the coordinator of a second programme gets theirs, though the person's own is the first); or the one
    programme a digest's button names. One CSV holds them all, a programme column on every row."""
    reports = reports_for(session, person=actor.person, rule=rule, now=now, programme_id=programme_id)
    for report in reports:  # who read a programme's figures, and when: each participant's export lists it
        programme = session.get(Programme, report.programme_id)
        if programme is not None:
            audit.record_for_programme(session, programme, REPORT_VIEWED, actor.person, now)
    lang = actor.lang
    files = [chart_file(lang, report, now) for report in reports if report.pairs] + [csv_file(lang, reports, now)]
    return ReportPack(title(lang, reports[0]) if reports else t(lang, "report.empty"), reports, files)
