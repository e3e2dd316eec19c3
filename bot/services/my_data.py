"""`mes-donnees`: everything Mentorat holds about one person, for them alone (the right of access).

Collected from every table that names them: their profiles, their conventions (their side of each),
meetings, objectives and their updates, their own notes, agendas, bilans (their own answers), thanks and
news, the différends they raised, their requests to mentors or from mentees, their programme evaluations,
the messages the bot sent them, and their settings. Never someone else's private text: the partner's
unshared notes and bilan answers are left out; what the partner shared with them (an agenda, an objective's
update, a thanks) is theirs to see already and is in. Each part says where it can be corrected.
"""

from __future__ import annotations

import html
import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.i18n import N_, t
from bot.services.road_maps import visible_to
from storage.models import (
    AuditEvent,
    Bilan,
    Convention,
    ConventionVersion,
    Dispute,
    Gratitude,
    Meeting,
    MentorRequest,
    Milestone,
    Note,
    Objective,
    ObjectiveUpdate,
    Person,
    Profile,
    ProgrammeEvaluation,
    Reminder,
    RoadMap,
    Synthesis,
)

# Where each kind of text is corrected: the command (or the form it opens) that wrote it.
WHERE = {"profiles": "/mentorat profil", "meetings": "/mentorat prochaine-rencontre", "agendas": "/mentorat ordre-du-jour",
         "objectives": "/mentorat objectifs", "notes": "/mentorat notes", "bilans": "/mentorat bilan",
         "thanks": "/mentorat merci", "settings": "/mentorat langue, /mentorat pause"}


def _when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _name(person: Person | None) -> str | None:
    return (person.display_name or person.external_id) if person is not None else None


def _profile(profile: Profile) -> dict[str, Any]:
    return {
        "programme": profile.programme.name, "as_mentor": profile.as_mentor, "as_mentee": profile.as_mentee,
        "themes": profile.themes, "aspiration": profile.aspiration, "motivation": profile.motivation,
        "expertise": profile.expertise, "learning": profile.learning, "languages": profile.languages,
        "modes": profile.modes, "days": profile.days, "windows": profile.windows, "timezone": profile.timezone,
        "capacity": profile.capacity, "presentation": profile.presentation, "link": profile.link,
        "team": profile.team, "manager": _name(profile.manager), "avoid": _name(profile.avoid),
        "enrolled_at": _when(profile.enrolled_at), "withdrawn_at": _when(profile.withdrawn_at),
        "loaded_by": _name(profile.loaded_by),
    }


def _version(version: ConventionVersion) -> dict[str, Any]:
    """The terms and wording the pair was sent: what they signed, whatever the programme says today."""
    return {"number": version.number, "programme": version.programme_name, "written_at": _when(version.created_at),
            "length_months": version.length_months, "meeting_every_days": version.meeting_every_days,
            "meeting_minutes": [version.meeting_min_minutes, version.meeting_max_minutes],
            "closing_notice_days": version.closing_notice_days, "programme_parts": dict(version.parts or {})}


def _road_map(session: Session, convention: Convention, person: Person) -> dict[str, Any] | None:
    """The corporate method's road map: the pair's always; the manager's only once the mentee confirmed it."""
    found = session.scalars(select(RoadMap).where(RoadMap.convention_id == convention.id)).first()
    if found is None or not visible_to(found, convention, person):
        return None
    milestones = session.scalars(select(Milestone).where(Milestone.convention_id == convention.id)
                                 .order_by(Milestone.due_on))
    return {"version": found.version, "axes": found.axes, "strategies": found.strategies,
            "planned_hours": found.planned_hours, "written_at": _when(found.written_at),
            "mentee_confirmed_at": _when(found.mentee_confirmed_at),
            "manager_confirmed_at": _when(found.manager_confirmed_at),
            "milestones": [{"on": _when(m.due_on), "what": m.title} for m in milestones]}


def _synthesis(session: Session, convention: Convention, person: Person) -> dict[str, Any] | None:
    """The mentor's synthesis report: the mentor's own draft, or what the mentee was submitted."""
    found = session.scalars(select(Synthesis).where(Synthesis.convention_id == convention.id)).first()
    if found is None:
        return None
    return {"version": found.version, "status": found.status, "points": found.points, "results": found.results,
            "axes": found.axes, "follow_up": found.follow_up, "approved_at": _when(found.approved_at),
            "sent_to_the_manager": found.to_manager,
            "changes_asked": found.comment if person.id in (convention.mentor_id, convention.mentee_id) else None}


def _convention(session: Session, convention: Convention, person: Person) -> dict[str, Any]:
    mine = convention.mentor_id == person.id
    partner = convention.mentee if mine else convention.mentor
    meetings = session.scalars(select(Meeting).where(Meeting.convention_id == convention.id).order_by(Meeting.starts_at))
    objectives = session.scalars(select(Objective).where(Objective.convention_id == convention.id).order_by(Objective.id))
    notes = session.scalars(select(Note).where(Note.convention_id == convention.id, Note.author_id == person.id)
                            .order_by(Note.id))
    bilans = session.scalars(select(Bilan).where(Bilan.convention_id == convention.id, Bilan.person_id == person.id))
    thanks = session.scalars(select(Gratitude).where(Gratitude.convention_id == convention.id).order_by(Gratitude.id))
    disputes = session.scalars(select(Dispute).where(Dispute.convention_id == convention.id,
                                                     Dispute.raised_by_id == person.id).order_by(Dispute.id))
    return {
        "programme": convention.programme.name, "role": "mentor" if mine else "mentee", "partner": _name(partner),
        "status": convention.status, "starts_on": _when(convention.starts_on),
        "planned_end_on": _when(convention.planned_end_on),
        "you_accepted_at": _when(convention.mentor_accepted_at if mine else convention.mentee_accepted_at),
        "partner_accepted_at": _when(convention.mentee_accepted_at if mine else convention.mentor_accepted_at),
        "signed_version": _version(convention.version),
        "road_map": _road_map(session, convention, person),
        "synthesis": _synthesis(session, convention, person),
        "activated_at": _when(convention.activated_at), "closed_at": _when(convention.closed_at),
        "agenda_for_the_next_meeting": convention.next_agenda,  # the mentee's, sent before any meeting is set
        "meetings": [{"starts_at": _when(m.starts_at), "minutes": m.duration_minutes, "mode": m.mode,
                      "location": m.location, "status": m.status, "agenda": m.agenda, "reason": m.reason}
                     for m in meetings],
        "objectives": [{"title": o.title, "description": o.description, "horizon": o.horizon, "due_on": _when(o.due_on),
                        "success_measure": o.success_measure, "status": o.status, "progress": o.progress,
                        "updates": [{"at": _when(u.created_at), "by_you": u.author_id == person.id, "kind": u.kind,
                                     "status": u.status, "progress": u.progress, "comment": u.comment}
                                    for u in session.scalars(select(ObjectiveUpdate).where(
                                        ObjectiveUpdate.objective_id == o.id).order_by(ObjectiveUpdate.id))]}
                       for o in objectives],
        "your_notes": [{"at": _when(n.created_at), "body": n.body, "shared_at": _when(n.shared_at)} for n in notes],
        "your_bilans": [{"submitted_at": _when(b.submitted_at), "answers": b.answers, "satisfaction": b.satisfaction,
                         "decision": b.decision, "shared": b.shared_keys, "keep_in_touch": b.keep_in_touch}
                        for b in bilans],
        "thanks_and_news": [{"at": _when(g.created_at), "by_you": g.author_id == person.id, "kind": g.kind,
                             "message": g.message, "achievements": g.achievements} for g in thanks],
        "your_differends": [{"at": _when(d.created_at), "kind": d.kind, "summary": d.summary, "status": d.status}
                            for d in disputes],
    }


def collect(session: Session, person: Person, now: datetime) -> dict[str, Any]:
    """What Mentorat holds about `person` (the caller: nobody exports someone else's data)."""
    conventions = session.scalars(select(Convention).where(
        or_(Convention.mentor_id == person.id, Convention.mentee_id == person.id)).order_by(Convention.id))
    requests = session.scalars(select(MentorRequest).where(
        or_(MentorRequest.mentee_id == person.id, MentorRequest.mentor_id == person.id)).order_by(MentorRequest.id))
    evaluations = session.scalars(select(ProgrammeEvaluation).where(ProgrammeEvaluation.person_id == person.id))
    reminders = session.scalars(select(Reminder).where(Reminder.recipient_id == person.id).order_by(Reminder.due_at))
    return {
        "exported_at": _when(now),
        "you": {"name": person.display_name, "id": person.external_id, "platform": person.workspace.platform,
                "timezone": person.timezone, "locale": person.locale, "language": person.language_choice,
                "reminders_paused_until": _when(person.reminders_paused_until), "first_seen": _when(person.created_at)},
        "profiles": [_profile(p) for p in session.scalars(select(Profile).where(Profile.person_id == person.id))],
        "conventions": [_convention(session, c, person) for c in conventions],
        # Figures only: as a manager one is named in the convention, and never reads the pair's words.
        "conventions_you_manage": [{"programme": c.programme.name, "mentor": _name(c.mentor), "mentee": _name(c.mentee),
                                    "status": c.status, "starts_on": _when(c.starts_on),
                                    "planned_end_on": _when(c.planned_end_on), "road_map": _road_map(session, c, person)}
                                   for c in session.scalars(select(Convention).where(Convention.manager_id == person.id)
                                                            .order_by(Convention.id))],
        "mentor_requests": [{"asked_at": _when(r.asked_at), "you_asked": r.mentee_id == person.id,
                             "other": _name(r.mentor if r.mentee_id == person.id else r.mentee), "status": r.status,
                             "mentor_reply": r.reply} for r in requests],
        "programme_evaluations": [{"answered_at": _when(e.answered_at), "satisfaction": e.satisfaction,
                                   "matching": e.matching, "rhythm": e.rhythm, "support": e.support,
                                   "recommend": e.recommend, "suggestion": e.suggestion} for e in evaluations],
        "messages_sent_to_you": [{"kind": r.kind, "due_at": _when(r.due_at), "status": r.status,
                                  "sent_at": _when(r.sent_at)} for r in reminders],
        "who_read_your_programmes_figures": _report_views(session, person),
        "where_to_correct": WHERE,
    }


def _report_views(session: Session, person: Person) -> list[dict[str, Any]]:
    """Each time a coordinator read the figures of a programme while one of the person's conventions was in
    them (figures only: the report never holds a word of theirs)."""
    spans = session.execute(select(Convention.programme_id, Convention.created_at).where(
        or_(Convention.mentor_id == person.id, Convention.mentee_id == person.id))).all()
    if not spans:
        return []
    since = {programme_id: min(at for p, at in spans if p == programme_id) for programme_id, _ in spans}
    views = session.scalars(select(AuditEvent).where(AuditEvent.action == "report.viewed",
                                                     AuditEvent.workspace_id == person.workspace_id)
                            .order_by(AuditEvent.at))
    readers = {}
    found = []
    for event in views:
        programme_id = (event.detail or {}).get("programme")
        if programme_id in since and event.at >= since[programme_id]:
            if event.actor_id not in readers:
                readers[event.actor_id] = _name(session.get(Person, event.actor_id)) if event.actor_id else None
            found.append({"at": _when(event.at), "by": readers[event.actor_id]})
    return found


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _html_value(value: Any) -> str:
    if isinstance(value, dict):
        rows = "".join(f"<tr><th>{html.escape(str(k))}</th><td>{_html_value(v)}</td></tr>" for k, v in value.items())
        return f"<table>{rows}</table>"
    if isinstance(value, list):
        if not value:
            return "—"
        return "<ol>" + "".join(f"<li>{_html_value(item)}</li>" for item in value) + "</ol>"
    if value is None or value == "":
        return "—"
    return html.escape(str(value)).replace("\n", "<br>")


SECTIONS = {"you": N_("mydata.section.you"), "profiles": N_("mydata.section.profiles"),
            "conventions": N_("mydata.section.conventions"),
            "conventions_you_manage": N_("mydata.section.conventions_you_manage"),
            "mentor_requests": N_("mydata.section.mentor_requests"),
            "programme_evaluations": N_("mydata.section.programme_evaluations"),
            "messages_sent_to_you": N_("mydata.section.messages_sent_to_you"),
            "who_read_your_programmes_figures": N_("mydata.section.report_views"),
            "where_to_correct": N_("mydata.section.where_to_correct")}


def as_html(lang: str, data: dict[str, Any]) -> str:
    """The same, readable: one heading per part; every value escaped (it is text people typed)."""
    parts = [f"<h2>{html.escape(t(lang, key))}</h2>{_html_value(data[name])}" for name, key in SECTIONS.items()]
    title = html.escape(t(lang, "mydata.title"))
    intro = html.escape(t(lang, "mydata.intro", at=data["exported_at"]))
    style = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
             "table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;"
             "vertical-align:top}")
    return (f"<!DOCTYPE html><html lang=\"{html.escape(lang.split('_')[0])}\"><meta charset=\"utf-8\">"
            f"<title>{title}</title><style>{style}</style><h1>{title}</h1>"
            f"<p>{intro}</p>{''.join(parts)}</html>")
