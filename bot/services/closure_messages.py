"""What people read as their convention ends: prompts, the follow-up, thanks, the final report.

Prompts carry the planned end they were written for: after « continue » moved it, they are dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy.orm import Session

from bot.i18n import N_, N_plural, labels, quoted, t, tn
from bot.i18n.dates import format_day
from bot.i18n.numbers import one_decimal
from bot.i18n.rich import rt
from bot.notify import Attachment, Button, Message, Section
from bot.services import actions, bilans
from bot.services.bilans import bilans_of_round, decision_open
from bot.services.closure import ClosureFigures, programme_figures
from bot.services.conventions import meetings_held
from bot.services.errors import Conflict
from bot.services.final_report import ANSWER_ORDER, NotShared, build
from bot.services.gratitude import thanked
from bot.services.meetings import other_side
from bot.services.objectives import counts, of_convention
from bot.services.people import language_of, mention
from bot.services.report_layout import facts, footer, sections, title
from bot.services.report_pdf import report_pdf
from storage.models import Convention, ConventionStatus, Gratitude, Person, Reminder


def _convention(session: Session, reminder: Reminder) -> Convention | None:
    return session.get(Convention, reminder.convention_id) if reminder.convention_id else None


def _current(convention: Convention | None, reminder: Reminder) -> Convention | None:
    """The convention, if the prompt still applies: it runs, and its end is the one planned for."""
    if convention is None or not decision_open(convention):
        return None
    if reminder.payload.get("end_on") != convention.planned_end_on.isoformat():
        return None
    return convention


def _lang(person: Person, convention: Convention) -> str:
    return language_of(person, convention.programme.language)


def _bilan_button(lang: str, convention: Convention, key: str = "bilan.button.open") -> Button:
    return Button(t(lang, key), actions.BILAN_OPEN, str(convention.id), style="primary")


def _closing_soon(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = _current(_convention(session, reminder), reminder)
    if convention is None:
        return None
    lang = _lang(person, convention)
    role = "mentor" if convention.mentor_id == person.id else "mentee"
    found = of_convention(session, convention)
    start = "\n".join("• " + quoted(lang, o.title) for o in found) if found else t(lang, "closing.start.none")
    return Message(
        text=rt(lang, "closing.title", other=mention(other_side(convention, person)),
               end=format_day(convention.planned_end_on, lang)),
        sections=(Section(t(lang, "closing.start.title"), t(lang, "closing.start.body") + "\n" + start,
                          literal=bool(found)),
                  Section(t(lang, "closing.ideal.title"), t(lang, labels.CLOSING_IDEAL[role])),
                  Section(t(lang, "closing.agenda.title"), t(lang, labels.CLOSING_AGENDA[role]))),
        buttons=(Button(t(lang, "closing.button.meeting"), actions.MEETING_PLAN, str(convention.id), style="primary"),
                 Button(t(lang, "objective.button.show"), actions.OBJECTIVES_SHOW, str(convention.id))),
        context=t(lang, "closing.context"), headline=False)


def _bilan_prompt(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = _convention(session, reminder)
    early = bool(reminder.payload.get("early"))
    if early:
        if convention is None or convention.status != ConventionStatus.ENDED_EARLY:
            return None
    elif _current(convention, reminder) is None:
        return None
    assert convention is not None
    if person.id in bilans_of_round(session, convention):
        return None  # already answered
    lang = _lang(person, convention)
    key = N_("bilan.prompt.early") if early else N_("bilan.prompt")
    return Message(text=rt(lang, key, other=mention(other_side(convention, person)),
                          end=format_day(convention.planned_end_on, lang)),
                   sections=(Section(None, t(lang, "bilan.prompt.privacy")),),
                   buttons=(_bilan_button(lang, convention),), headline=False)


def _bilan_done(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = _convention(session, reminder)
    if convention is None or person.id in bilans_of_round(session, convention):
        return None
    lang = _lang(person, convention)
    return Message(text=rt(lang, "bilan.other_done", other=mention(other_side(convention, person))),
                   buttons=(_bilan_button(lang, convention),), headline=False)


def _agreed(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = _convention(session, reminder)
    if convention is None:
        return None
    lang = _lang(person, convention)
    decision = reminder.payload.get("decision")
    other = mention(other_side(convention, person))
    buttons = [Button(t(lang, "bilan.button.show"), actions.BILAN_SHOW, str(convention.id))]
    if decision == "end":
        text = rt(lang, "closure.agreed.end", other=other)
    else:
        new_end = format_day(date.fromisoformat(reminder.payload["new_end"]), lang)
        months = int(reminder.payload.get("months") or 0)
        text = rt(lang, labels.AGREED[str(decision)], other=other, months=months, end=new_end)
        if reminder.payload.get("differed"):
            text = text + "\n" + rt(lang, "closure.agreed.shorter")
        if decision == "redefine":
            buttons.insert(0, Button(t(lang, "objective.button.add"), actions.OBJECTIVE_ADD, str(convention.id),
                                     style="primary"))
    if convention.mentee_id == person.id and decision == "end" and not thanked(session, convention):
        buttons.insert(0, Button(t(lang, "thanks.button.write"), actions.THANKS_WRITE, str(convention.id),
                                 style="primary"))
    return Message(text=text, buttons=tuple(buttons), headline=False)


def _ended(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = _convention(session, reminder)
    if convention is None:
        return None
    lang = _lang(person, convention)
    text = rt(lang, "closure.ended", other=mention(other_side(convention, person)),
             end=format_day(convention.planned_end_on, lang))
    buttons = []
    if person.id not in bilans_of_round(session, convention):
        buttons.append(_bilan_button(lang, convention, N_("bilan.button.late")))
    if convention.mentee_id == person.id and not thanked(session, convention):
        buttons.append(Button(t(lang, "thanks.button.write"), actions.THANKS_WRITE, str(convention.id)))
    return Message(text=text, buttons=tuple(buttons), headline=False)


def _disagree(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = _convention(session, reminder)
    if convention is None or not decision_open(convention):
        return None
    rows = bilans_of_round(session, convention)
    if len(rows) < 2 or len({b.decision for b in rows.values()}) < 2:
        return None  # they agreed since
    lang = _lang(person, convention)
    mine = rows[person.id].decision
    theirs = next(b.decision for pid, b in rows.items() if pid != person.id)
    return Message(
        text=rt(lang, "closure.disagree", other=mention(other_side(convention, person)),
               mine=t(lang, labels.DECISION[mine]), theirs=t(lang, labels.DECISION[theirs])),
        buttons=(Button(t(lang, "closure.button.meeting"), actions.MEETING_PLAN, str(convention.id), style="primary"),
                 _bilan_button(lang, convention, "bilan.button.edit")),
        headline=False)


def _gratitude_prompt(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = _current(_convention(session, reminder), reminder)
    if convention is None or thanked(session, convention):
        return None
    lang = _lang(person, convention)
    return Message(
        text=rt(lang, "thanks.prompt", other=mention(convention.mentor), end=format_day(convention.planned_end_on, lang)),
        sections=(Section(t(lang, "thanks.prompt.ideas.title"), t(lang, "thanks.prompt.ideas")),
                  Section(t(lang, "thanks.prompt.moment.title"), t(lang, "thanks.prompt.moment"))),
        buttons=(Button(t(lang, "thanks.button.write"), actions.THANKS_WRITE, str(convention.id), style="primary"),),
        headline=False)


def _received(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    gratitude = session.get(Gratitude, reminder.payload.get("gratitude_id"))
    convention = _convention(session, reminder)
    if gratitude is None or convention is None:
        return None
    lang = _lang(person, convention)
    sections = [Section(None, gratitude.message, literal=True)]
    if gratitude.achievements:
        sections.append(Section(t(lang, "thanks.received.achievements"), gratitude.achievements, literal=True))
    return Message(text=rt(lang, labels.GRATITUDE_RECEIVED[gratitude.kind], other=mention(convention.mentee)),
                   sections=tuple(sections), headline=False)


def _stay_in_touch(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = _convention(session, reminder)
    if convention is None or convention.status != ConventionStatus.CLOSED:
        return None
    lang = _lang(person, convention)
    months = int(reminder.payload.get("months") or 0)
    return Message(text=rt(lang, "news.prompt", months=months, other=mention(convention.mentor)),
                   buttons=(Button(t(lang, "news.button.write"), actions.NEWS_WRITE, str(convention.id),
                                   style="primary"),), headline=False)


def report_message(session: Session, convention: Convention, lang: str, *, for_sponsor: bool = False) -> Message:
    """The final report: a message with its main sections, and the PDF beside it."""
    report = build(session, convention, for_sponsor=for_sponsor)
    parts = tuple(Section(s.title, "", literal=s.typed, items=tuple(s.lines))
                  for s in sections(report, lang))
    pdf = report_pdf(report, lang)
    filename = f"mentorat-rapport-final-{report.ends_on.isoformat()}.pdf"
    return Message(text=title(report, lang), sections=parts, facts=tuple(facts(report, lang)), context=footer(report, lang),
                   attachment=Attachment(filename=filename, content=pdf, title=title(report, lang)))


def report_for(session: Session, person: Person, convention_id: int, lang: str) -> Message:
    """The final report asked for by one of the pair: only once it is ready (both answered, or the follow-up
    settled). Before that it would show what the other side shared to someone who has not answered yet."""
    view = bilans.view_for(session, person, convention_id)  # the policy, and what this reader may see
    if not view.report_ready:
        raise Conflict("bilan.report_not_ready")
    return report_message(session, view.convention, lang)


def _final_report(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    convention = _convention(session, reminder)
    if convention is None:
        return None
    try:
        return report_message(session, convention, _lang(person, convention),
                              for_sponsor=bool(reminder.payload.get("sponsor")))
    except NotShared:
        return None  # one side withdrew their agreement since


def _summary(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    """To the coordinator: figures only."""
    convention = _convention(session, reminder)
    if convention is None:
        return None
    lang = _lang(person, convention)
    decision = reminder.payload.get("decision") or "end_date"
    done = len(bilans_of_round(session, convention))
    objectives = counts(session, convention.id)
    pair = rt(lang, "summary.pair", mentor=mention(convention.mentor), mentee=mention(convention.mentee))
    if decision in ("continue", "redefine"):
        text = rt(lang, labels.SUMMARY_GOES_ON[decision], pair=pair, months=int(reminder.payload.get("months") or 0),
                 end=format_day(date.fromisoformat(reminder.payload["new_end"]), lang))
    else:
        text = rt(lang, labels.SUMMARY_CLOSED[decision], pair=pair)
    figures = programme_figures(session, convention.programme, convention.planned_end_on)
    return Message(text=text, facts=(
        (t(lang, "final_report.meetings"), str(meetings_held(session, convention))),
        (t(lang, "summary.objectives"), t(lang, "summary.objectives.value", reached=objectives.reached,
                                         set=objectives.set)),
        (t(lang, "summary.bilans"), f"{done} / 2"),
        (t(lang, "summary.programme_satisfaction"), satisfaction_line(lang, figures.satisfaction)),
    ), context=t(lang, "summary.private"), headline=False)


def satisfaction_line(lang: str, satisfaction: dict[str, float | None]) -> str:
    def shown(value: float | None) -> str:
        return t(lang, "figures.none") if value is None else f"{one_decimal(value, lang)} / 5"

    return t(lang, "figures.satisfaction", mentor=shown(satisfaction.get("mentor")),
             mentee=shown(satisfaction.get("mentee")))


def answer_sections(lang: str, part: Mapping[str, object], titles: Mapping[int, str]) -> list[Section]:
    """One side's bilan as it is read back (by its author, or by the other side for what is shared):
    each answer under its label, then the follow-up date, the satisfaction and the objectives' results.
    Words people typed (answers, objective titles) are literal sections."""
    found: list[Section] = []
    for key in (*ANSWER_ORDER, "support", "next_steps"):
        if part.get(key):
            found.append(Section(t(lang, labels.ANSWER_SHORT[key]), str(part[key]), literal=True))
    follow_up = part.get("follow_up_on")
    if isinstance(follow_up, date):
        found.append(Section(None, t(lang, "final_report.follow_up_on", day=format_day(follow_up, lang))))
    satisfaction = part.get("satisfaction")
    if isinstance(satisfaction, int):
        found.append(Section(None, t(lang, "bilan.view.satisfaction", value=satisfaction)))
    results = part.get("objectives")
    if isinstance(results, dict):
        for objective_id, result in results.items():
            title = titles.get(int(objective_id))
            if title:
                found.append(Section(None, t(lang, "bilan.view.objective_result", title=title,
                                                           result=t(lang, labels.RESULT[result])), literal=True))
    return found


# How many pairs chose each follow-up ("continue" is a placeholder of figures.decisions, not a Python name).
DECISION_COUNTS = {
    "end": N_plural("figures.decisions.end", "figures.decisions.end.plural"),
    "continue": N_plural("figures.decisions.continue", "figures.decisions.continue.plural"),
    "redefine": N_plural("figures.decisions.redefine", "figures.decisions.redefine.plural"),
}


def closure_figure_lines(lang: str, figures: ClosureFigures) -> list[str]:
    """What a coordinator reads of the programme's closures: counts and averages, never a word of a bilan."""
    return [t(lang, "figures.in_closure", count=figures.in_closure),
            t(lang, "figures.bilans", done=figures.bilans_done, expected=figures.bilans_expected),
            t(lang, "final_report.line", label=t(lang, "figures.satisfaction.label"),
              value=satisfaction_line(lang, figures.satisfaction)),
            t(lang, "figures.decisions", disagree=figures.decisions["disagree"],
              **{decision: tn(lang, *keys, figures.decisions[decision]) for decision, keys in DECISION_COUNTS.items()})]


COMPOSERS = {
    "closing_soon": _closing_soon,
    "bilan_prompt": _bilan_prompt,
    "bilan_done": _bilan_done,
    "closure_agreed": _agreed,
    "closure_ended": _ended,
    "closure_disagree": _disagree,
    "gratitude_prompt": _gratitude_prompt,
    "thanks_received": _received,
    "news_received": _received,
    "keep_in_touch": _stay_in_touch,
    "final_report": _final_report,
    "closure_summary": _summary,
}
