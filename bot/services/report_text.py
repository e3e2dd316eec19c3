"""The programme's figures as lines of text, in the reader's language (shared by the report, the
App Home and the monthly digest). Built from a ProgrammeReport only: no private text can reach it."""

from __future__ import annotations

from bot.i18n import t
from bot.i18n.dates import format_day
from bot.i18n.numbers import one_decimal
from bot.i18n.rich import rt
from bot.notify import Mention, Text
from bot.services.programme_report import PairFigures, ProgrammeReport, Risk


def _number(value: float | None, lang: str) -> str:
    return "–" if value is None else one_decimal(value, lang)


def title(lang: str, report: ProgrammeReport) -> str:
    return t(lang, "report.title", programme=report.programme, day=format_day(report.day, lang))


def summary_lines(lang: str, report: ProgrammeReport) -> list[str]:
    if report.expected:
        meetings = t(lang, "report.meetings", held=report.held, expected=report.expected,
                     percent=round(100 * report.held / report.expected))
    else:  # no pair has gone through a whole period yet: no share to give
        meetings = t(lang, "report.meetings.none_expected", held=report.held)
    lines = [
        t(lang, "report.active", count=report.active),
        meetings,
        t(lang, "report.objectives", set=report.objectives_set, reached=report.objectives_reached),
    ]
    if report.satisfaction_answers:
        lines.append(t(lang, "report.satisfaction", overall=_number(report.satisfaction_all, lang),
                       mentors=_number(report.satisfaction_mentors, lang),
                       mentees=_number(report.satisfaction_mentees, lang), answers=report.satisfaction_answers))
    else:
        lines.append(t(lang, "report.satisfaction.none"))
    lines.append(t(lang, "report.disputes", open=report.differends_open, resolved=report.differends_resolved,
                   early_open=report.early_open, early_done=report.early_done))
    return lines


def risk_text(lang: str, risk: Risk) -> str:
    if risk.kind == "nudges":
        return t(lang, "report.risk.nudges", count=risk.value)
    return t(lang, f"report.risk.{risk.kind}", days=risk.value)


def pair_names(pair: PairFigures, *, mentions: bool) -> tuple[Mention | str, Mention | str]:
    """The pair as people a chat names, or as plain names (the terminal, a file)."""
    if mentions:
        return Mention(pair.mentor_ref, pair.mentor), Mention(pair.mentee_ref, pair.mentee)
    return pair.mentor, pair.mentee


def risk_lines(lang: str, report: ProgrammeReport, *, limit: int = 15, mentions: bool = True) -> list[Text]:
    """The heading and one line per pair at risk, the most worrying first."""
    risky = report.at_risk
    if not risky:
        return [t(lang, "report.at_risk.none")]
    lines: list[Text] = [t(lang, "report.at_risk.title", count=len(risky))]
    for pair in risky[:limit]:
        mentor, mentee = pair_names(pair, mentions=mentions)
        lines.append(rt(lang, "report.at_risk.line", mentor=mentor, mentee=mentee,
                       reasons=", ".join(risk_text(lang, r) for r in pair.risks)))
    if len(risky) > limit:
        lines.append(t(lang, "report.pairs.more", count=len(risky) - limit))
    return lines


def pair_lines(lang: str, report: ProgrammeReport, *, limit: int = 30) -> list[Text]:
    lines: list[Text] = [t(lang, "report.pairs.title")]
    for pair in report.pairs[:limit]:
        mentor, mentee = pair_names(pair, mentions=True)
        lines.append(rt(lang, "report.pair.line", mentor=mentor, mentee=mentee, status=t(lang, f"status.{pair.status}"),
                       held=pair.held, expected=pair.expected, reached=pair.objectives_reached,
                       set=pair.objectives_set))
    if len(report.pairs) > limit:
        lines.append(t(lang, "report.pairs.more", count=len(report.pairs) - limit))
    return lines
