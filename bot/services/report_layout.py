"""The final report laid out once, as titled sections, for the chat message and the PDF alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.i18n import N_, labels, t, tn
from bot.i18n.dates import format_day
from bot.i18n.numbers import percent
from bot.services.final_report import FinalReport, SideSummary


@dataclass(frozen=True)
class ReportSection:
    title: str
    lines: list[str]
    typed: bool = False  # holds words people typed: shown as typed, never as markup


def _outcome(report: FinalReport, lang: str) -> str:
    if report.status == "ended_early":
        return t(lang, "final_report.outcome.ended_early")
    return t(lang, labels.OUTCOME[report.decision or "end_date"])


def facts(report: FinalReport, lang: str) -> list[tuple[str, str]]:
    return [
        (t(lang, "role.mentor").capitalize(), report.mentor),
        (t(lang, "role.mentee").capitalize(), report.mentee),
        (t(lang, "final_report.period"), t(lang, "final_report.period.value", start=format_day(report.starts_on, lang),
                                     end=format_day(report.ends_on, lang))),
        (t(lang, "final_report.meetings"), tn(lang, "final_report.meetings.value", "final_report.meetings.value.plural",
                                        report.meetings_expected, held=report.meetings_held)),
        (t(lang, "final_report.outcome"), _outcome(report, lang)),
    ]


def _line(lang: str, label: str, value: str) -> str:
    return t(lang, "final_report.line", label=label, value=value)


def _per_side(report: FinalReport, lang: str, pick: Callable[[SideSummary], str | None]) -> list[str]:
    lines = []
    for role in ("mentor", "mentee"):
        side = report.sides[role]
        who = f"{side.name} ({t(lang, labels.ROLE[role])})"
        if not side.answered:
            lines.append(_line(lang, who, t(lang, "final_report.no_bilan")))
        else:
            lines.append(_line(lang, who, pick(side) or t(lang, "final_report.not_shared")))
    return lines


def sections(report: FinalReport, lang: str) -> list[ReportSection]:
    parts: list[ReportSection] = []
    if report.held_on:
        days = ", ".join(format_day(d, lang) for d in report.held_on)
        parts.append(ReportSection(t(lang, "final_report.held_on"), [days]))
    if report.objectives:
        lines = []
        for objective in report.objectives:
            assessed = " · ".join(
                _line(lang, t(lang, labels.ROLE[role]), t(lang, labels.RESULT[result]) if result
                      else t(lang, "final_report.not_shared")) for role, result in objective.results.items())
            lines.append(t(lang, "final_report.objective.line", title=objective.title, assessed=assessed,
                           status=t(lang, labels.OBJECTIVE_STATUS[objective.status]),
                           progress=percent(objective.progress / 100, lang)))
        parts.append(ReportSection(t(lang, "final_report.objectives"), lines, typed=True))
    elif not report.for_sponsor:
        parts.append(ReportSection(t(lang, "final_report.objectives"), [t(lang, "final_report.no_objectives")]))
    parts.append(ReportSection(t(lang, "final_report.satisfaction"), _per_side(
        report, lang, lambda s: f"{s.satisfaction} / 5" if s.satisfaction else None)))
    parts.append(ReportSection(t(lang, "final_report.support"), _per_side(report, lang, lambda s: s.support), typed=True))
    parts.append(ReportSection(t(lang, "final_report.next_steps"), _per_side(
        report, lang, lambda s: s.next_steps and (s.next_steps + (
            " — " + t(lang, "final_report.follow_up_on", day=format_day(s.follow_up_on, lang)) if s.follow_up_on else ""))),
        typed=True))
    for role in ("mentor", "mentee"):
        side = report.sides[role]
        if side.answers:
            lines = [_line(lang, t(lang, labels.ANSWER_SHORT[key]), text) for key, text in side.answers.items()]
            parts.append(ReportSection(t(lang, "final_report.words_of", name=side.name), lines, typed=True))
    return parts


def title(report: FinalReport, lang: str) -> str:
    return t(lang, "final_report.title", programme=report.programme)


def footer(report: FinalReport, lang: str) -> str:
    return t(lang, N_("final_report.footer.sponsor") if report.for_sponsor else N_("final_report.footer"))
