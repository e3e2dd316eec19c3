"""The coordination's suggested pairing, from Slack or Teams: the waiting pool, each suggested pair with
its score and reasons, the people who cannot be matched and why; accept one pair, all of them, another
mentor from the alternatives, or reject a pair. An accepted pair goes through the pairing (`jumeler`):
the convention is sent and the same refusals apply."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.actor import Actor
from bot.i18n import N_, labels, t, tn
from bot.i18n.numbers import one_decimal
from bot.i18n.rich import rt
from bot.notify import Button, Mention, Message, Rich, Text
from bot.services import actions, match_pool, mentor_requests, profiles
from bot.services.errors import Conflict, DomainError, InvalidInput
from bot.services.people import mention
from bot.services.policy import Act, require
from bot.services.roles import CoordinatorRule, Role
from bot.services.themes import theme_label
from bot.services.typed_text import number
from bot.usecases.conventions import pair
from bot.usecases.outcome import Done
from storage.models import MatchOutcome

if TYPE_CHECKING:
    from bot.services.matching.fit import Fit

SHOWN = 10  # pairs per message: a coordinator reads them one by one
WAITING_SHOWN = 10  # on the App Home, those waiting longest
# By the value of matching.solver.Unmatched (the engine is imported only where a pairing is computed).
UNMATCHED_KEYS = {
    "no_mentor": N_("match.unmatched.no_mentor"),
    "no_shared_language": N_("match.unmatched.no_language"),
    "only_excluded": N_("match.unmatched.only_excluded"),
    "no_capacity": N_("match.unmatched.no_capacity"),
}


@dataclass(frozen=True)
class Alternative:
    label: str  # the mentor's name and score, as a select shows it
    value: str


@dataclass(frozen=True)
class PairView:
    mentee: Mention | str
    mentor: Mention | str
    score: str
    reasons: Text
    value: str  # "<mentee>:<mentor>:<suggested mentor>", what the buttons carry
    reject_value: str
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True)
class SuggestionsView:
    lang: str
    headline: Text
    pairs: tuple[PairView, ...]
    unmatched: tuple[Text, ...]
    accept_all: str | None  # the value of « Tout accepter », None when there is nothing to accept
    accept_all_count: int
    more: int  # suggested pairs not shown in this message


def reasons_text(lang: str, fit: Fit) -> Text:
    """The fit in plain words: themes in common, wishes met, shared hours, languages, modes."""
    r = fit.reasons
    parts: list[Text] = []
    if r.themes:
        parts.append(tn(lang, "match.reason.themes", "match.reason.themes.plural", len(r.themes),
                        themes=", ".join(theme_label(lang, th) for th in r.themes)))
    if r.keywords:
        parts.append(tn(lang, "match.reason.keywords", "match.reason.keywords.plural", len(r.keywords),
                        words=", ".join(r.keywords)))
    if r.weekly_hours:
        parts.append(tn(lang, "match.reason.hours", "match.reason.hours.plural", r.weekly_hours))
    else:
        parts.append(t(lang, "match.reason.no_hours"))
    parts.append(t(lang, "match.reason.languages",
                   languages=", ".join(profiles.language_name(lang, code) for code in r.languages)))
    if r.modes:
        parts.append(t(lang, "match.reason.modes", modes=", ".join(t(lang, labels.PROFILE_MODE[m]) for m in r.modes
                                                                  if m in labels.PROFILE_MODE)))
    return Rich.join(" ; " if lang.startswith("fr") else "; ", parts)


def _score(lang: str, fit: Fit) -> str:
    return one_decimal(fit.score, lang)


def suggestions(session: Session, actor: Actor, rule: CoordinatorRule, now: datetime) -> SuggestionsView:
    """`suggestions`: the complete pairing the engine proposes for the programme's waiting pool."""
    lang = actor.lang
    pool = match_pool.coordination_pool(session, actor.person, actor.programme, rule, actor.today_at(now))
    suggestion = pool.suggestion()
    people = {p.person_id: p.person for p in (*pool.mentees.values(), *pool.mentors.values())}

    def who(person_id: int) -> Mention | str:
        return mention(people.get(person_id))

    pairs = []
    for suggested in suggestion.pairs[:SHOWN]:
        alternatives = tuple(
            Alternative(t(lang, "match.alternative", name=people[m].display_name or people[m].external_id,
                          score=_score(lang, alt_fit)), f"{suggested.mentee_id}:{m}:{suggested.mentor_id}")
            for m, alt_fit in suggested.alternatives if m in people)
        mentee_id, mentor_id = suggested.mentee_id, suggested.mentor_id
        pairs.append(PairView(who(mentee_id), who(mentor_id), _score(lang, suggested.fit),
                              reasons_text(lang, suggested.fit), f"{mentee_id}:{mentor_id}:{mentor_id}",
                              f"{mentee_id}:{mentor_id}", alternatives))
    unmatched = tuple(rt(lang, UNMATCHED_KEYS[why.value], name=who(person_id)) for person_id, why in suggestion.unmatched)
    carried = suggestion.pairs[:SHOWN]  # « Tout accepter » accepts what the message shows, nothing more
    accept_all = ",".join(f"{p.mentee_id}:{p.mentor_id}" for p in carried) or None
    headline = rt(lang, "match.headline", programme=actor.programme.name,
                  mentees=tn(lang, "match.count.mentees", "match.count.mentees.plural", len(pool.mentees)),
                  mentors=tn(lang, "match.count.mentors", "match.count.mentors.plural", len(pool.mentors)),
                  pairs=tn(lang, "match.count.pairs", "match.count.pairs.plural", len(suggestion.pairs)))
    return SuggestionsView(lang, headline, tuple(pairs), unmatched, accept_all, len(carried),
                           max(0, len(suggestion.pairs) - SHOWN))


def _ids(value: str, count: int) -> list[int]:
    parts = value.split(":")
    ids = [number(part) for part in parts]
    if len(parts) != count or any(i is None for i in ids):
        raise InvalidInput("error.stale_button")  # not what the bot wrote
    return [i for i in ids if i is not None]


def _pair_one(session: Session, actor: Actor, rule: CoordinatorRule, now: datetime, pool: match_pool.Pool,
              mentee_id: int, mentor_id: int, suggested: int | None) -> Done:
    """One pair from the pool, checked again against it (someone may have been paired, or withdrawn, since)."""
    if pool.fit_of(mentee_id, mentor_id) is None:
        raise Conflict("match.gone")
    mentee, mentor = pool.mentees[mentee_id].person, pool.mentors[mentor_id].person
    if suggested not in pool.mentors:
        suggested = None  # not a mentor of this pool: a forged value, not recorded
    done = pair(session, actor, rule, now, mentor, mentee, None)  # the same pairing as `jumeler`
    outcome = MatchOutcome.ACCEPTED if suggested in (None, mentor_id) else MatchOutcome.SWAPPED
    match_pool.decide(session, actor.programme, mentee_id=mentee_id, mentor_id=mentor_id,
                      suggested_mentor_id=suggested, outcome=outcome, by=actor.person, now=now)
    return done


def accept(session: Session, actor: Actor, rule: CoordinatorRule, now: datetime, value: str) -> Done:
    """« Jumeler » on a pair, or a mentor picked among its alternatives."""
    mentee_id, mentor_id, suggested = _ids(value, 3)
    pool = match_pool.coordination_pool(session, actor.person, actor.programme, rule, actor.today_at(now))
    return _pair_one(session, actor, rule, now, pool, mentee_id, mentor_id, suggested)


def accept_all(session: Session, actor: Actor, rule: CoordinatorRule, now: datetime, value: str) -> Text:
    """« Tout accepter »: each pair the message showed, in turn; one that is no longer possible is skipped."""
    pairs = [_ids(item, 2) for item in value.split(",")[:SHOWN] if item]
    if not pairs:
        raise InvalidInput("error.stale_button")
    paired = skipped = 0
    for mentee_id, mentor_id in pairs:
        pool = match_pool.coordination_pool(session, actor.person, actor.programme, rule, actor.today_at(now))
        try:
            with session.begin_nested():
                _pair_one(session, actor, rule, now, pool, mentee_id, mentor_id, mentor_id)
            paired += 1
        except DomainError:
            skipped += 1
    lang = actor.lang
    said = tn(lang, "match.accepted_all", "match.accepted_all.plural", paired)
    if skipped:
        said += " " + tn(lang, "match.skipped", "match.skipped.plural", skipped)
    return said


def reject(session: Session, actor: Actor, rule: CoordinatorRule, now: datetime, value: str) -> Text:
    """« Écarter »: this pair is not suggested again; the mentee gets another suggestion."""
    mentee_id, mentor_id = _ids(value, 2)
    pool = match_pool.coordination_pool(session, actor.person, actor.programme, rule, actor.today_at(now))
    if mentee_id not in pool.mentees or mentor_id not in pool.mentors:
        raise Conflict("match.gone")
    match_pool.decide(session, actor.programme, mentee_id=mentee_id, mentor_id=mentor_id, suggested_mentor_id=mentor_id,
                      outcome=MatchOutcome.REJECTED, by=actor.person, now=now)
    return rt(actor.lang, "match.rejected", mentee=mention(pool.mentees[mentee_id].person),
              mentor=mention(pool.mentors[mentor_id].person))



def waiting_line(session: Session, actor: Actor, now: datetime, rule: CoordinatorRule) -> Text:
    """The coordination's App Home: how many wait and for how long, then who waits longest (names only)."""
    require(session, actor.person, Act.REPORT_READ, actor.programme, rule)
    pool = match_pool.pool(session, actor.programme, actor.today_at(now))
    found = match_pool.figures(session, actor.programme, now, pool)
    lang = actor.lang
    if not found.mentees_waiting:
        return t(lang, "match.waiting.none", mentors=found.mentors_with_room)
    head = tn(lang, "match.waiting", "match.waiting.plural", found.mentees_waiting, days=found.longest_wait_days,
              mentors=found.mentors_with_room)
    longest = sorted(pool.mentees.values(), key=lambda p: (p.enrolled_at, p.person_id))[:WAITING_SHOWN]
    lines: list[Text] = [head, *(rt(lang, "match.waiting.line", name=mention(p.person), days=(now - p.enrolled_at).days)
                                 for p in longest)]
    return Rich.join("\n", lines)


@dataclass(frozen=True)
class MentorChoice:
    mentor: Mention | str
    presentation: str  # as the mentor typed it: shown as typed
    score: str
    reasons: Text
    value: str  # the mentor's id, what « Demander » carries


@dataclass(frozen=True)
class ChoicesView:
    """A waiting mentee's suggested mentors, when the programme lets mentees choose."""

    lang: str
    headline: Text
    choices: tuple[MentorChoice, ...]


def suggestions_command(session: Session, actor: Actor, rule: CoordinatorRule, now: datetime
                        ) -> SuggestionsView | ChoicesView | Text:
    """`suggestions`: the pool's pairing for the coordination; a waiting mentee's choice of mentors when the
    programme lets mentees choose; otherwise what happens instead."""
    if Role.COORDINATOR in actor.roles:
        return suggestions(session, actor, rule, now)
    return mentee_choices(session, actor, now)


def mentee_choices(session: Session, actor: Actor, now: datetime) -> ChoicesView | Text:
    lang, programme = actor.lang, actor.programme
    if not mentor_requests.choosing(programme):
        return t(lang, "request.not_open")
    if not profiles.enrolled(profiles.profile_of(session, programme, actor.person)):
        return t(lang, "request.enrol_first")
    found = mentor_requests.choices_for(session, programme, actor.person, actor.today_at(now))
    if not found:
        return t(lang, "request.none_to_choose")
    choices = []
    for profile, found_fit in found:
        require(session, actor.person, Act.PROFILE_PREVIEW, profile)
        choices.append(MentorChoice(mention(profile.person), profile.presentation, _score(lang, found_fit),
                                    reasons_text(lang, found_fit), str(profile.person_id)))
    return ChoicesView(lang, rt(lang, "request.choose.headline", programme=programme.name), tuple(choices))


def ask_mentor(session: Session, actor: Actor, now: datetime, value: str) -> Message:
    """« Demander à ce mentor »: the request goes; the mentee may take it back to ask someone else."""
    (mentor_id,) = _ids(value, 1)
    request = mentor_requests.ask(session, actor.programme, actor.person, mentor_id, actor.today_at(now), now)
    return Message(text=rt(actor.lang, "request.asked.mentee", mentor=mention(request.mentor)), headline=False,
                   buttons=(Button(t(actor.lang, "request.button.cancel"), actions.REQUEST_CANCEL, str(request.id)),))


def cancel_request(session: Session, actor: Actor, now: datetime, request_id: int) -> Message:
    request = mentor_requests.cancel(session, actor.person, request_id, now)
    return Message(text=rt(actor.lang, "request.cancelled", mentor=mention(request.mentor)), headline=False,
                   buttons=(Button(t(actor.lang, "request.button.others"), actions.SUGGESTIONS_SHOW, "choose",
                                   style="primary"),))


@dataclass(frozen=True)
class AnswerFormView:
    lang: str
    request_id: int
    agree: bool
    mentee: Mention | str


def answer_form(session: Session, actor: Actor, request_id: int, agree: bool) -> AnswerFormView:
    """« Accepter » / « Décliner » on a request: the form for a word to the mentee (checked before it opens)."""
    request = mentor_requests.get_request(session, request_id)
    require(session, actor.person, Act.REQUEST_ANSWER, request)
    mentor_requests.still_open(request)
    return AnswerFormView(actor.lang, request.id, agree, mention(request.mentee))


def answer_request(session: Session, actor: Actor, rule: CoordinatorRule, now: datetime, request_id: int,
                   agree: bool, reply: str) -> Text:
    answered = mentor_requests.answer(session, actor.person, request_id, agree=agree, reply=reply, rule=rule,
                                      today=actor.today_at(now), now=now)
    mentee = mention(answered.request.mentee)
    if not agree:
        return rt(actor.lang, "request.declined.you", mentee=mentee)
    if answered.paired is not None:
        return rt(actor.lang, "request.paired.you", mentee=mentee)
    return rt(actor.lang, "request.agreed.you", mentee=mentee)


def decide_request(session: Session, actor: Actor, rule: CoordinatorRule, now: datetime, request_id: int,
                   confirm: bool) -> Text:
    request, _paired = mentor_requests.decide(session, actor.person, request_id, confirm=confirm, rule=rule,
                                              today=actor.today_at(now), now=now)
    key = N_("request.confirmed.you") if confirm else N_("request.refused.you")
    return rt(actor.lang, key, mentee=mention(request.mentee), mentor=mention(request.mentor))
