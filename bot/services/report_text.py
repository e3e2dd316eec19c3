"""The programme's figures as lines of text, in the reader's language (shared by the report, the
App Home and the monthly digest). Built from a ProgrammeReport only: no private text can reach it."""

from __future__ import annotations

from bot.i18n import N_plural, labels, t, tn
from bot.i18n.dates import format_day
from bot.i18n.numbers import one_decimal, percent
from bot.i18n.rich import rt
from bot.notify import Mention, Text
from bot.services.evaluations import GroupFigures as EvaluationGroup
from bot.services.programme_report import PairFigures, ProgrammeReport, Risk
from bot.services.themes import theme_label

RISKS = {
    "no_meeting": N_plural("report.risk.no_meeting", "report.risk.no_meeting.plural"),
    "nudges": N_plural("report.risk.nudges", "report.risk.nudges.plural"),
    "unsigned": N_plural("report.risk.unsigned", "report.risk.unsigned.plural"),
}


def _number(value: float | None, lang: str) -> str:
    return "–" if value is None else one_decimal(value, lang)


def title(lang: str, report: ProgrammeReport) -> str:
    return t(lang, "report.title", programme=report.programme, day=format_day(report.day, lang))


def summary_lines(lang: str, report: ProgrammeReport) -> list[str]:
    if report.expected:
        # Translators: the count is of meetings expected; {held} those held, {percent} their share, formatted.
        meetings = tn(lang, "report.meetings", "report.meetings.plural", report.expected, held=report.held,
                      percent=percent(report.held / report.expected, lang))
    else:  # no pair has gone through a whole period yet: no share to give
        meetings = t(lang, "report.meetings.none_expected", held=report.held)
    lines = [
        t(lang, "report.active", count=report.active),
        meetings,
        t(lang, "report.objectives",
          set=tn(lang, "report.objectives.set", "report.objectives.set.plural", report.objectives_set),
          reached=tn(lang, "report.objectives.reached", "report.objectives.reached.plural", report.objectives_reached)),
    ]
    if report.satisfaction_answers:
        lines.append(t(lang, "report.satisfaction", overall=_number(report.satisfaction_all, lang),
                       mentors=_number(report.satisfaction_mentors, lang),
                       mentees=_number(report.satisfaction_mentees, lang),
                       answers=tn(lang, "report.satisfaction.answers", "report.satisfaction.answers.plural",
                                  report.satisfaction_answers)))
    else:
        lines.append(t(lang, "report.satisfaction.none"))
    lines.append(t(lang, "report.disputes", open=report.differends_open,
                   resolved=tn(lang, "report.disputes.resolved", "report.disputes.resolved.plural",
                               report.differends_resolved),
                   early_open=tn(lang, "report.disputes.early_open", "report.disputes.early_open.plural",
                                 report.early_open),
                   early_done=tn(lang, "report.disputes.early_done", "report.disputes.early_done.plural",
                                 report.early_done)))
    lines += pool_lines(lang, report)
    lines += corporate_lines(lang, report)
    lines += evaluation_lines(lang, report)
    return lines


def corporate_lines(lang: str, report: ProgrammeReport) -> list[str]:
    """The corporate method's counts: road maps, milestones on time, hours."""
    c = report.corporate
    if c is None:
        return []
    return [t(lang, "report.corporate", with_manager=c.with_manager, confirmed=c.road_maps_confirmed,
              written=c.road_maps, on_time=c.milestones_on_time, due=c.milestones_due,
              planned=c.hours_planned, reported=c.hours_reported),
            t(lang, "report.corporate.closure", approved=c.syntheses_approved, held=c.restitutions_held)]


def evaluation_lines(lang: str, report: ProgrammeReport) -> list[str]:
    """The programme's evaluation: per role, from 5 answers up; below, how many are still needed."""
    found = report.evaluation
    if found is None or not found.answers:
        return []
    if found.overall is None:
        return [tn(lang, "report.evaluation.waiting", "report.evaluation.waiting.plural", found.needed,
                   answers=found.answers)]
    lines = [_evaluation_line(lang, t(lang, "report.evaluation.all"), found.overall)]
    for role, group in found.by_role.items():
        if group is not None:
            lines.append(_evaluation_line(lang, t(lang, labels.ROLE[role]), group))
    if found.suggestions:
        lines.append(tn(lang, "report.evaluation.suggestions", "report.evaluation.suggestions.plural",
                        len(found.suggestions)))
    return lines


def _evaluation_line(lang: str, who: str, group: EvaluationGroup) -> str:
    a = group.averages
    return t(lang, "report.evaluation.line", who=who, answers=group.answers,
             satisfaction=one_decimal(a["satisfaction"], lang), matching=one_decimal(a["matching"], lang),
             rhythm=one_decimal(a["rhythm"], lang), support=one_decimal(a["support"], lang),
             yes=group.recommend["yes"], maybe=group.recommend["maybe"], no=group.recommend["no"])


def pool_lines(lang: str, report: ProgrammeReport) -> list[str]:
    """The waiting pool: how many wait, for how long, per theme; suggestions accepted against changed."""
    pool = report.pool
    if pool is None or not (pool.mentees_waiting or any(pool.decisions.values())):
        return []
    lines = [tn(lang, "report.pool", "report.pool.plural", pool.mentees_waiting, median=pool.median_wait_days,
                longest=pool.longest_wait_days, mentors=pool.mentors_with_room)]
    if pool.by_theme:
        lines.append(t(lang, "report.pool.themes", themes=", ".join(
            f"{theme_label(lang, theme)} {count}" for theme, count in pool.by_theme[:8])))
    decided = pool.decisions
    if any(decided.values()):
        lines.append(t(lang, "report.pool.decisions", accepted=decided.get("accepted", 0),
                       swapped=decided.get("swapped", 0), rejected=decided.get("rejected", 0),
                       chosen=decided.get("chosen", 0)))
    return lines


def risk_text(lang: str, risk: Risk) -> str:
    key, plural = RISKS[risk.kind]
    return tn(lang, key, plural, risk.value)


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
        lines.append(tn(lang, "report.pairs.more", "report.pairs.more.plural", len(risky) - limit))
    return lines


def pair_lines(lang: str, report: ProgrammeReport, *, limit: int = 30) -> list[Text]:
    lines: list[Text] = [t(lang, "report.pairs.title")]
    for pair in report.pairs[:limit]:
        mentor, mentee = pair_names(pair, mentions=True)
        lines.append(rt(lang, "report.pair.line", mentor=mentor, mentee=mentee, status=t(lang, labels.STATUS[pair.status]),
                       held=pair.held, expected=pair.expected, reached=pair.objectives_reached,
                       set=pair.objectives_set))
    if len(report.pairs) > limit:
        lines.append(tn(lang, "report.pairs.more", "report.pairs.more.plural", len(report.pairs) - limit))
    return lines
