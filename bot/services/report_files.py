"""The report's files: a CSV of the figures per pair (csv module) and a chart (matplotlib).

Both are built from a ProgrammeReport, which holds names, dates and counts only.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from bot.i18n import labels, t
from bot.notify import Attachment
from bot.services.evaluations import RATINGS, RECOMMEND
from bot.services.programme_report import ProgrammeReport
from bot.services.report_text import risk_text

CHART_PAIRS = 40  # beyond that, the bars are unreadable: the pairs at risk first, then the others


def _sat(value: int | None) -> str:
    return "" if value is None else str(value)


# One table for every programme: the pairs' columns, then the evaluation's; each row fills its own part.
PAIR_COLUMNS = 14
EVALUATION_COLUMNS = 9


def report_csv(lang: str, reports: list[ProgrammeReport]) -> str:
    """One header, then rows that all start with their programme and what they are (a pair, an evaluation
    group, a suggestion): the programmes side by side in one file a spreadsheet reads whole."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(t(lang, "report.csv.columns").split(","))
    for report in reports:
        kind = t(lang, "report.csv.kind.pair")
        for p in report.pairs:
            writer.writerow([
                report.programme, kind, p.mentor, p.mentee, t(lang, labels.STATUS[p.status]), p.starts_on.isoformat(),
                p.planned_end_on.isoformat(), p.held, p.expected, p.objectives_set, p.objectives_reached,
                _sat(p.satisfaction_mentor), _sat(p.satisfaction_mentee), p.disputes_open, p.disputes_resolved,
                "; ".join(risk_text(lang, r) for r in p.risks), *([""] * (EVALUATION_COLUMNS + 1)),
            ])
    for report in reports:
        _evaluation_rows(lang, writer, report)
    return out.getvalue()


def _evaluation_rows(lang: str, writer: Any, report: ProgrammeReport) -> None:
    """The programme's evaluation after the pairs, under the same rule as the report: aggregates of 5
    answers or more only, and the suggestions without their authors."""
    found = report.evaluation
    if found is None or found.overall is None:
        return
    pair_part = [""] * PAIR_COLUMNS
    groups = [(t(lang, "report.evaluation.all"), found.overall),
              *((t(lang, labels.ROLE[role]), g) for role, g in found.by_role.items() if g is not None)]
    for who, group in groups:
        writer.writerow([report.programme, t(lang, "report.csv.kind.evaluation"), *pair_part, who, group.answers,
                         *(f"{group.averages[name]:.2f}" for name in RATINGS),
                         *(group.recommend[answer] for answer in RECOMMEND), ""])
    for suggestion in found.suggestions:
        writer.writerow([report.programme, t(lang, "report.csv.suggestion"), *pair_part,
                         *([""] * EVALUATION_COLUMNS), suggestion])


def report_chart(lang: str, report: ProgrammeReport) -> bytes:
    """Horizontal bars: meetings held and expected for each pair, as a PNG."""
    risky = {p.convention_id for p in report.at_risk}
    pairs = sorted(report.pairs, key=lambda p: (p.convention_id not in risky, p.convention_id))[:CHART_PAIRS]
    labels = [("(!) " if p.convention_id in risky else "") + f"{p.mentor} / {p.mentee}" for p in pairs]
    height = max(2.5, 0.45 * len(pairs) + 1.5)
    # Imported when a chart is drawn: matplotlib and numpy are heavy to load. The object API, not
    # pyplot: no global figure state, so reports built on several threads at once never share one.
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(8, height), dpi=100)
    axes = figure.subplots()
    rows = list(range(len(pairs)))
    axes.barh([r + 0.2 for r in rows], [p.expected for p in pairs], height=0.4, color="#c8d6e0",
              label=t(lang, "report.chart.expected"))
    axes.barh([r - 0.2 for r in rows], [p.held for p in pairs], height=0.4, color="#2c5f7c",
              label=t(lang, "report.chart.held"))
    axes.set_yticks(rows, labels=labels)
    axes.invert_yaxis()
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # meetings are counted whole
    # Translators: the chart's title; {programme} is the programme's name.
    axes.set_title(t(lang, "report.chart.title", programme=report.programme))
    axes.legend(loc="lower right")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def chart_file(lang: str, report: ProgrammeReport, now: datetime) -> Attachment:
    """The chart as a file (a Slack upload, a Teams link), named for its programme and day."""
    return Attachment(filename=f"mentorat-{report.programme_id}-{now:%Y-%m-%d}.png", content=report_chart(lang, report),
                      title=t(lang, "report.chart.file_title"))


def csv_file(lang: str, reports: list[ProgrammeReport], now: datetime) -> Attachment:
    return Attachment(filename=f"mentorat-{now:%Y-%m-%d}.csv", content=report_csv(lang, reports).encode("utf-8"),
                      title=t(lang, "report.csv.file_title"))
