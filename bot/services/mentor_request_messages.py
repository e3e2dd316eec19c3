"""What the mentee's choice sends: the request to the mentor (with the mentee's introduction), the answer
to the mentee (with the mentor's word), and the coordination's notice (names only, never a typed word)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.i18n import N_, t
from bot.i18n.rich import rt
from bot.notify import Button, Message, Section
from bot.services import actions, mentor_requests, profiles
from bot.services.people import language_of, mention
from bot.services.themes import theme_label
from storage.models import MentorRequest, Person, Reminder, RequestStatus


def _request(session: Session, reminder: Reminder) -> MentorRequest | None:
    found = reminder.payload.get("request")
    return session.get(MentorRequest, found) if isinstance(found, int) else None


def _asked(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    request = _request(session, reminder)
    if request is None or request.status != RequestStatus.ASKED:
        return None  # answered, or withdrawn, since
    lang = language_of(person, request.programme.language)
    profile = profiles.profile_of(session, request.programme, request.mentee)
    sections = []
    if profile is not None:
        sections.append(Section(t(lang, "profile.field.presentation"), profile.presentation, literal=True))
        if profile.aspiration:
            sections.append(Section(t(lang, "profile.field.aspiration"), profile.aspiration, literal=True))
        sections.append(Section(None, t(lang, "conv.partner.themes", themes=", ".join(
            theme_label(lang, th) for th in profile.themes))))
    value = str(request.id)
    return Message(text=rt(lang, "request.asked.mentor", mentee=mention(request.mentee),
                           programme=request.programme.name),
                   sections=tuple(sections), context=t(lang, "request.asked.private"),
                   buttons=(Button(t(lang, "request.button.agree"), actions.REQUEST_AGREE, value, style="primary"),
                            Button(t(lang, "request.button.decline"), actions.REQUEST_DECLINE, value)))


def _answered(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    request = _request(session, reminder)
    if request is None or request.status == RequestStatus.ASKED:
        return None
    lang = language_of(person, request.programme.language)
    key = {RequestStatus.DECLINED: N_("request.declined.mentee"), RequestStatus.CONFIRMED: N_("request.paired.mentee"),
           RequestStatus.WITHDRAWN: N_("request.mentor_left.mentee"),
           RequestStatus.EXPIRED: N_("request.expired.mentee")}.get(RequestStatus(request.status),
                                                                    N_("request.agreed.mentee"))
    again = request.status in (RequestStatus.DECLINED, RequestStatus.WITHDRAWN, RequestStatus.EXPIRED)
    sections = (Section(t(lang, "request.reply.title"), request.reply, literal=True),) if request.reply else ()
    buttons = ((Button(t(lang, "request.button.others"), actions.SUGGESTIONS_SHOW, "choose", style="primary"),)
               if again else ())
    return Message(text=rt(lang, key, mentor=mention(request.mentor)), sections=sections, buttons=buttons)


def _for_coordination(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    request = _request(session, reminder)
    if request is None:
        return None
    lang = language_of(person, request.programme.language)
    names = {"mentee": mention(request.mentee), "mentor": mention(request.mentor),
             "programme": request.programme.name}
    if reminder.kind == mentor_requests.PAIRED:
        return Message(text=rt(lang, "request.paired.coordination", **names), headline=False)
    if request.status != RequestStatus.AGREED:
        return None  # another coordinator decided already
    value = str(request.id)
    return Message(text=rt(lang, "request.agreed.coordination", **names), headline=False,
                   buttons=(Button(t(lang, "request.button.confirm"), actions.REQUEST_CONFIRM, value, style="primary"),
                            Button(t(lang, "request.button.refuse"), actions.REQUEST_REFUSE, value)))


def _refused(session: Session, reminder: Reminder, person: Person, ctx: object) -> Message | None:
    request = _request(session, reminder)
    if request is None or request.status != RequestStatus.REFUSED:
        return None
    lang = language_of(person, request.programme.language)
    other = request.mentor if person.id == request.mentee_id else request.mentee
    buttons = ((Button(t(lang, "request.button.others"), actions.SUGGESTIONS_SHOW, "choose", style="primary"),)
               if person.id == request.mentee_id else ())
    return Message(text=rt(lang, "request.refused", other=mention(other)), headline=False, buttons=buttons)


COMPOSERS = {
    mentor_requests.ASKED: _asked,
    mentor_requests.ANSWERED: _answered,
    mentor_requests.AGREED: _for_coordination,
    mentor_requests.PAIRED: _for_coordination,
    mentor_requests.REFUSED: _refused,
}
