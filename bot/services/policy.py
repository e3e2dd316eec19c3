"""The one authorization policy: may this person do this action on this object?

Every service entry point that reads or changes a pair's object, or acts for a programme, asks
`require` before anything else. The answer is decided from the object's programme:

1. **Its tenant.** The person must belong to the programme's own workspace, which is also its
   platform: a Slack workspace admin has no right on another workspace's programme, nor a Teams
   user on a Slack one, whatever ids their client sends. Ids in a request (a button's value, a
   Teams card's data) only say *which* object is meant; *who* asks comes from the platform's
   verified identity.
2. **The person's part in it.** The pair's two members act on their convention (some actions
   belong to one side only); the programme's coordinators act for the programme, never on a
   dispute about their own pair; the owner alone opens a shared file.

A refusal is a `NotAllowed`, raised before anything is read back or written.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from bot.i18n import N_
from bot.notify import Rich
from bot.services.errors import NotAllowed
from bot.services.roles import CoordinatorRule, coordinator_names, is_coordinator
from storage.models import (
    Convention,
    Dispute,
    Meeting,
    MentorRequest,
    Milestone,
    Objective,
    Person,
    Profile,
    Programme,
    SharedFile,
)


class Act(StrEnum):
    # The pair, on their convention and what hangs off it.
    CONVENTION_READ = "convention.read"
    CONVENTION_SIGN = "convention.sign"  # accept it, or ask a question before accepting
    MEETING_PLAN = "meeting.plan"  # propose, answer, move, cancel, say whether it took place
    AGENDA_WRITE = "agenda.write"  # the mentee's
    OBJECTIVE_WRITE = "objective.write"
    OBJECTIVE_READ = "objective.read"
    OBJECTIVE_FEEDBACK = "objective.feedback"  # the mentor's
    NOTE_WRITE = "note.write"
    NOTE_READ = "note.read"  # one's own notes and those the partner shared
    BILAN_WRITE = "bilan.write"
    BILAN_READ = "bilan.read"  # one's own answers, and what the other shared once both answered
    THANKS_SEND = "thanks.send"  # the mentee's
    DISPUTE_RAISE = "dispute.raise"
    EARLY_END_WITHDRAW = "early_end.withdraw"  # the person who asked
    EVALUATION_WRITE = "evaluation.write"  # each side evaluates the programme once the convention ended
    # The corporate method's road map: the mentor writes it; the mentee, then the mentee's manager, confirm it.
    ROADMAP_WRITE = "roadmap.write"
    ROADMAP_READ = "roadmap.read"
    ROADMAP_CONFIRM = "roadmap.confirm"
    MILESTONE_RECORD = "milestone.record"  # the mentor's: on track or not, the hours so far
    MILESTONE_SHARE = "milestone.share"  # the mentee's: whether the manager reads that status
    SYNTHESIS_WRITE = "synthesis.write"  # the mentor's report near the end
    SYNTHESIS_APPROVE = "synthesis.approve"  # the mentee's: approve it, or ask for changes
    # The programme's coordination.
    DISPUTE_HANDLE = "dispute.handle"  # take, ask to meet, resolve, confirm an early end
    PAIR = "programme.pair"  # one pair or a whole file
    REPORT_READ = "programme.report"
    COORDINATORS_EDIT = "programme.coordinators"
    SPONSOR_SET = "programme.sponsor"
    ENROLMENT_EDIT = "programme.enrolment"  # open or close it, its themes, the mentees' choice
    PROGRAMME_EDIT = "programme.settings"  # its settings and convention wording, archiving it
    # A person's own things.
    FILE_OPEN = "file.open"
    # A profile: its owner, the programme's coordination (matching), a partner once paired, a mentor asked.
    PROFILE_READ = "profile.read"
    # A mentor's introduction, shown to a waiting mentee who may choose their mentor.
    PROFILE_PREVIEW = "profile.preview"
    # A mentee's request to a mentor: the mentor answers it, the mentee may cancel it; the coordination
    # confirms it (PAIR).
    REQUEST_ANSWER = "request.answer"
    REQUEST_CANCEL = "request.cancel"


MENTOR_ONLY = frozenset({Act.OBJECTIVE_FEEDBACK, Act.ROADMAP_WRITE, Act.MILESTONE_RECORD, Act.SYNTHESIS_WRITE})
# What the mentee's manager may do on a convention naming them; nothing else of the pair's reaches them.
MANAGER_ACTS = frozenset({Act.ROADMAP_READ, Act.ROADMAP_CONFIRM})
MENTEE_ONLY = frozenset({Act.AGENDA_WRITE, Act.THANKS_SEND, Act.MILESTONE_SHARE, Act.SYNTHESIS_APPROVE})
COORDINATION = frozenset({Act.DISPUTE_HANDLE, Act.PAIR, Act.REPORT_READ, Act.COORDINATORS_EDIT, Act.SPONSOR_SET,
                          Act.ENROLMENT_EDIT, Act.PROGRAMME_EDIT})
# What the refusal says, per kind of object (i18n keys the front ends already render).
NOT_YOURS = {Act.OBJECTIVE_FEEDBACK: N_("objective.mentor_only"), Act.AGENDA_WRITE: N_("agenda.mentee_only"),
             Act.THANKS_SEND: N_("thanks.mentee_only"), Act.EARLY_END_WITHDRAW: N_("dispute.not_raiser"),
             Act.DISPUTE_RAISE: N_("dispute.not_yours"), Act.BILAN_WRITE: N_("bilan.not_yours"),
             Act.BILAN_READ: N_("bilan.not_yours"), Act.OBJECTIVE_WRITE: N_("objective.not_yours"),
             Act.OBJECTIVE_READ: N_("objective.not_yours"), Act.MEETING_PLAN: N_("meeting.not_yours"),
             Act.NOTE_WRITE: N_("meeting.not_yours"), Act.NOTE_READ: N_("meeting.not_yours"),
             Act.FILE_OPEN: N_("error.no_access"), Act.EVALUATION_WRITE: N_("conv.not_yours"),
             Act.ROADMAP_WRITE: N_("roadmap.mentor_only"), Act.ROADMAP_READ: N_("conv.not_yours"),
             Act.ROADMAP_CONFIRM: N_("conv.not_yours"), Act.MILESTONE_RECORD: N_("roadmap.mentor_only"),
             Act.MILESTONE_SHARE: N_("milestone.mentee_only"), Act.SYNTHESIS_WRITE: N_("synthesis.mentor_only"),
             Act.SYNTHESIS_APPROVE: N_("synthesis.mentee_only")}

Target = Convention | Dispute | Meeting | MentorRequest | Milestone | Objective | Profile | Programme | SharedFile


@dataclass(frozen=True)
class Grant:
    """Why the action is allowed: the person's part ("mentor", "mentee", "coordinator", "owner")."""

    part: str
    programme: Programme | None


def programme_of(target: Target) -> Programme | None:
    if isinstance(target, Programme):
        return target
    if isinstance(target, Convention):
        return target.programme
    if isinstance(target, Dispute | Meeting | Milestone | Objective):
        return target.convention.programme
    if isinstance(target, Profile | MentorRequest):
        return target.programme
    return None  # a shared file belongs to a person, not to a programme


def convention_of(target: Target) -> Convention | None:
    if isinstance(target, Convention):
        return target
    if isinstance(target, Dispute | Meeting | Milestone | Objective):
        return target.convention
    return None


def part_in(convention: Convention, person: Person) -> str | None:
    if convention.mentor_id == person.id:
        return "mentor"
    if convention.mentee_id == person.id:
        return "mentee"
    return None


def same_tenant(person: Person, programme: Programme) -> bool:
    """Same workspace, hence same platform: the first question, whatever the action."""
    return person.workspace_id == programme.workspace_id


def require(session: Session, person: Person, act: Act, target: Target, rule: CoordinatorRule | None = None) -> Grant:
    """The grant for `person` to do `act` on `target`, or NotAllowed."""
    if isinstance(target, SharedFile):
        if act is Act.FILE_OPEN and target.person_id == person.id:
            return Grant("owner", None)
        raise NotAllowed("error.no_access")
    programme = programme_of(target)
    assert programme is not None
    if not same_tenant(person, programme):
        # The words of "there is no such thing": an object of another tenant must not even be told to exist.
        raise NotAllowed(_absent(target))
    if act in COORDINATION:
        return _coordination(session, person, act, target, programme, rule or CoordinatorRule())
    if isinstance(target, Profile):
        return _profile(session, person, act, target, programme, rule or CoordinatorRule())
    if isinstance(target, MentorRequest):
        if act is Act.REQUEST_ANSWER and target.mentor_id == person.id:
            return Grant("mentor", programme)
        if act is Act.REQUEST_CANCEL and target.mentee_id == person.id:
            return Grant("mentee", programme)
        raise NotAllowed("request.not_yours")
    convention = convention_of(target)
    if convention is None:
        raise NotAllowed(_refusal(act))
    part = part_in(convention, person)
    if part is None and act in MANAGER_ACTS and convention.manager_id == person.id:
        return Grant("manager", programme)
    if part is None:
        raise NotAllowed(_refusal(act))
    if (act in MENTOR_ONLY and part != "mentor") or (act in MENTEE_ONLY and part != "mentee"):
        raise NotAllowed(_refusal(act))
    if act is Act.EARLY_END_WITHDRAW and (not isinstance(target, Dispute) or target.raised_by_id != person.id):
        raise NotAllowed(_refusal(act))
    return Grant(part, programme)


def allowed(session: Session, person: Person, act: Act, target: Target, rule: CoordinatorRule | None = None) -> bool:
    try:
        require(session, person, act, target, rule)
    except NotAllowed:
        return False
    return True


def _coordination(session: Session, person: Person, act: Act, target: Target, programme: Programme,
                  rule: CoordinatorRule) -> Grant:
    if not is_coordinator(session, person, programme, rule):
        raise NotAllowed("error.coordinator_only", names=Rich.join(", ", coordinator_names(session, programme, rule)))
    convention = convention_of(target)
    if act is Act.DISPUTE_HANDLE and convention is not None and (
            part_in(convention, person) is not None or convention.manager_id == person.id):
        raise NotAllowed("dispute.own_pair")  # the other side (or the mentee's manager) would read it
    return Grant("coordinator", programme)


def _profile(session: Session, person: Person, act: Act, profile: Profile, programme: Programme,
             rule: CoordinatorRule) -> Grant:
    if act is Act.PROFILE_PREVIEW:
        return _preview(session, person, profile, programme)
    if act is not Act.PROFILE_READ:
        raise NotAllowed("profile.not_yours")
    if profile.person_id == person.id:
        return Grant("owner", programme)
    if is_coordinator(session, person, programme, rule):
        return Grant("coordinator", programme)
    # Paired in this programme, whatever became of the convention since: the exchange happened.
    paired = session.scalars(select(Convention.id).where(
        Convention.programme_id == programme.id,
        or_(and_(Convention.mentor_id == person.id, Convention.mentee_id == profile.person_id),
            and_(Convention.mentee_id == person.id, Convention.mentor_id == profile.person_id)))).first()
    if paired is not None:
        return Grant("partner", programme)
    # The mentee who asks a mentor shares their profile with that mentor.
    asked = session.scalars(select(MentorRequest.id).where(
        MentorRequest.programme_id == programme.id, MentorRequest.mentee_id == profile.person_id,
        MentorRequest.mentor_id == person.id)).first()
    if asked is None:
        raise NotAllowed("profile.not_yours")
    return Grant("asked", programme)


def _preview(session: Session, person: Person, profile: Profile, programme: Programme) -> Grant:
    """A mentor's introduction, for a mentee who may choose: the programme lets mentees choose, the reader is
    an enrolled mentee of it, the profile an enrolled mentor's (who is told so on their profile form)."""
    reader = session.scalars(select(Profile).where(Profile.programme_id == programme.id,
                                                   Profile.person_id == person.id)).first()
    if (programme.mentee_choice in ("confirm", "trusted") and reader is not None and reader.as_mentee
            and reader.withdrawn_at is None and profile.as_mentor and profile.withdrawn_at is None):
        return Grant("choosing", programme)
    raise NotAllowed("profile.not_yours")


def _absent(target: Target) -> str:
    """What the service says for a missing object of this kind (conventions.get_convention, get_meeting...)."""
    if isinstance(target, Dispute):
        return N_("dispute.gone")
    if isinstance(target, Meeting):
        return N_("meeting.not_yours")
    if isinstance(target, Objective):
        return N_("objective.not_yours")
    if isinstance(target, Convention):
        return N_("conv.not_yours")
    if isinstance(target, Profile):
        return N_("profile.not_yours")
    if isinstance(target, MentorRequest):
        return N_("request.not_yours")
    return N_("error.no_access")


def _refusal(act: Act) -> str:
    return NOT_YOURS.get(act, N_("conv.not_yours"))
