"""The key of each domain value's label, as literal keys so `pybabel extract` lists every one.

Keyed by the values' strings (every enum of storage.models is a StrEnum, so a member finds its entry).
"""

from __future__ import annotations

from bot.i18n import N_

ROLE = {"mentor": N_("role.mentor"), "mentee": N_("role.mentee"), "coordinator": N_("role.coordinator")}
STATUS = {
    "draft": N_("status.draft"),
    "awaiting_signatures": N_("status.awaiting_signatures"),
    "active": N_("status.active"),
    "closing": N_("status.closing"),
    "closed": N_("status.closed"),
    "ended_early": N_("status.ended_early"),
}
PHASE = {"launch": N_("phase.launch"), "development": N_("phase.development"), "separation": N_("phase.separation")}
NEXT_STEP = {"launch": N_("next.launch"), "development": N_("next.development"), "separation": N_("next.separation")}
HELP_ROLE = {"mentor": N_("help.role.mentor"), "mentee": N_("help.role.mentee")}
YOUR_ROLE = {"mentor": N_("conv.your_role.mentor"), "mentee": N_("conv.your_role.mentee")}

# Meetings
MEETING_MODE = {"in_person": N_("meeting.mode.in_person"), "video": N_("meeting.mode.video"),
                "phone": N_("meeting.mode.phone")}
MEETING_FORM_INTRO = {"new": N_("meeting.modal.intro.new"), "move": N_("meeting.modal.intro.move"),
                      "counter": N_("meeting.modal.intro.counter")}
MEETING_FORM_TITLE = {"new": N_("meeting.modal.title.new"), "move": N_("meeting.modal.title.move"),
                      "counter": N_("meeting.modal.title.counter")}
MEETING_FORM_SUBMIT = {"new": N_("meeting.modal.submit.new"), "move": N_("meeting.modal.submit.move"),
                       "counter": N_("meeting.modal.submit.counter")}
CHECKIN_THANKS = {"held": N_("checkin.thanks.held"), "missed": N_("checkin.thanks.missed"),
                  "postponed": N_("checkin.thanks.postponed")}
CHECKIN_ANSWER = {"held": N_("checkin.answer.held"), "missed": N_("checkin.answer.missed"),
                  "postponed": N_("checkin.answer.postponed")}
CHECKIN_TOLD = {"held": N_("checkin.told.held"), "missed": N_("checkin.told.missed"),
                "postponed": N_("checkin.told.postponed")}

# Objectives
OBJECTIVE_HORIZON = {"short": N_("objective.horizon.short"), "long": N_("objective.horizon.long")}
OBJECTIVE_STATUS = {
    "todo": N_("objective.status.todo"),
    "in_progress": N_("objective.status.in_progress"),
    "reached": N_("objective.status.reached"),
    "dropped": N_("objective.status.dropped"),
}

# Closure: the bilan, the decision, the summary
DECISION = {"continue": N_("bilan.decision.continue"), "end": N_("bilan.decision.end"),
            "redefine": N_("bilan.decision.redefine")}
RESULT = {"reached": N_("bilan.result.reached"), "partly": N_("bilan.result.partly"), "not": N_("bilan.result.not")}
SATISFACTION = {1: N_("bilan.satisfaction.1"), 2: N_("bilan.satisfaction.2"), 3: N_("bilan.satisfaction.3"),
                4: N_("bilan.satisfaction.4"), 5: N_("bilan.satisfaction.5")}
ANSWER_SHORT = {
    "went": N_("bilan.short.went"),
    "brought": N_("bilan.short.brought"),
    "helped": N_("bilan.short.helped"),
    "changes": N_("bilan.short.changes"),
    "learned": N_("bilan.short.learned"),
    "qualities": N_("bilan.short.qualities"),
    "support": N_("bilan.short.support"),
    "next_steps": N_("bilan.short.next_steps"),
    "objectives": N_("bilan.short.objectives"),
    "satisfaction": N_("bilan.short.satisfaction"),
}
QUESTION = {
    ("mentor", "went"): N_("bilan.q.mentor.went"),
    ("mentor", "brought"): N_("bilan.q.mentor.brought"),
    ("mentor", "helped"): N_("bilan.q.mentor.helped"),
    ("mentor", "changes"): N_("bilan.q.mentor.changes"),
    ("mentor", "learned"): N_("bilan.q.mentor.learned"),
    ("mentor", "support"): N_("bilan.q.mentor.support"),
    ("mentor", "next_steps"): N_("bilan.q.mentor.next_steps"),
    ("mentee", "went"): N_("bilan.q.mentee.went"),
    ("mentee", "brought"): N_("bilan.q.mentee.brought"),
    ("mentee", "helped"): N_("bilan.q.mentee.helped"),
    ("mentee", "changes"): N_("bilan.q.mentee.changes"),
    ("mentee", "qualities"): N_("bilan.q.mentee.qualities"),
    ("mentee", "support"): N_("bilan.q.mentee.support"),
    ("mentee", "next_steps"): N_("bilan.q.mentee.next_steps"),
}
CLOSING_IDEAL = {"mentor": N_("closing.ideal.body.mentor"), "mentee": N_("closing.ideal.body.mentee")}
CLOSING_AGENDA = {"mentor": N_("closing.agenda.body.mentor"), "mentee": N_("closing.agenda.body.mentee")}
AGREED = {"continue": N_("closure.agreed.continue"), "redefine": N_("closure.agreed.redefine")}
SUMMARY_GOES_ON = {"continue": N_("summary.continue"), "redefine": N_("summary.redefine")}
SUMMARY_CLOSED = {"end": N_("summary.closed.end"), "end_date": N_("summary.closed.end_date")}
OUTCOME = {
    "continue": N_("final_report.outcome.continue"),
    "end": N_("final_report.outcome.end"),
    "end_date": N_("final_report.outcome.end_date"),
    "ended_early": N_("final_report.outcome.ended_early"),
    "redefine": N_("final_report.outcome.redefine"),
}

# Thanks and news after the end (the gratitude kinds)
GRATITUDE_RECEIVED = {"thanks": N_("thanks.received"), "news": N_("news.received")}
GRATITUDE_SENT = {"thanks": N_("thanks.sent"), "news": N_("news.sent")}
GRATITUDE_TITLE = {"thanks": N_("thanks.modal.title"), "news": N_("news.modal.title")}
GRATITUDE_INTRO = {"thanks": N_("thanks.modal.intro"), "news": N_("news.modal.intro")}
GRATITUDE_MESSAGE = {"thanks": N_("thanks.modal.message"), "news": N_("news.modal.message")}

# Disagreements and early ends (the dispute kinds)
DISPUTE_KIND = {"differend": N_("dispute.kind.differend"), "early_end": N_("dispute.kind.early_end")}
URGENCY = {"low": N_("dispute.urgency.low"), "normal": N_("dispute.urgency.normal"),
           "urgent": N_("dispute.urgency.urgent")}
AMICABLE = {True: N_("dispute.amicable.yes"), False: N_("dispute.amicable.no")}
ESCALATED = {1: N_("dispute.escalated.1"), 2: N_("dispute.escalated.2")}
ALREADY_OPEN = {"differend": N_("error.differend.already_open"), "early_end": N_("error.early_end.already_open")}
DISPUTE_COORDINATOR = {"differend": N_("differend.coordinator"), "early_end": N_("early_end.coordinator")}
DISPUTE_SUMMARY_TITLE = {"differend": N_("differend.summary_title"), "early_end": N_("early_end.summary_title")}
DISPUTE_SENT = {"differend": N_("differend.sent"), "early_end": N_("early_end.sent")}
DISPUTE_TAKEN = {"differend": N_("differend.taken"), "early_end": N_("early_end.taken")}
DISPUTE_WITHDRAWN = {"differend": N_("differend.withdrawn"), "early_end": N_("early_end.withdrawn")}
DISPUTE_CLOSED = {
    ("differend", "resolved"): N_("differend.closed.resolved"),
    ("differend", "withdrawn"): N_("differend.closed.withdrawn"),
    ("early_end", "resolved"): N_("early_end.closed.resolved"),
    ("early_end", "withdrawn"): N_("early_end.closed.withdrawn"),
}

# Profiles
DAY = (N_("day.0"), N_("day.1"), N_("day.2"), N_("day.3"), N_("day.4"), N_("day.5"), N_("day.6"))
WINDOW = {"morning": N_("window.morning"), "afternoon": N_("window.afternoon"), "evening": N_("window.evening")}
PROFILE_MODE = {"in_person": N_("meeting.mode.in_person"), "video": N_("meeting.mode.video"),
                "phone": N_("meeting.mode.phone"), "chat": N_("profile.mode.chat")}
