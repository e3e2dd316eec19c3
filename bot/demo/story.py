"""The demo's story: ten months of one mentoring pair, told once for every platform.

Camille (coordinator, Toronto) pairs Marie (mentor, Vancouver) with Samuel (mentee, Halifax). They
agree on meetings, move one, set objectives, let a month slip, raise a différend, and close with
their bilans and a word of thanks; Camille ends with the programme's figures. What they type is in
the demo's language; a `Stage` turns each step into what Slack or Teams would send.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.demo.stage import Form, Stage
from bot.services import actions

START = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # Monday 23 November 2026, 10:00 in Toronto
COORD, MENTOR, MENTEE = "UCAMILLE", "UMARIE", "USAMUEL"
# name, role (i18n key under role.*), time zone, city
CAST = {
    COORD: ("Camille Roy", "coordinator", "America/Toronto", "Toronto"),
    MENTOR: ("Marie Tremblay", "mentor", "America/Vancouver", "Vancouver"),
    MENTEE: ("Samuel Okafor", "mentee", "America/Halifax", "Halifax"),
}


def _objective(stage: Stage, title: str, success: str, due: str) -> None:
    stage.click(MENTEE, actions.OBJECTIVE_ADD, str(stage.convention_id()))
    stage.fill(MENTEE, Form.OBJECTIVE_ADD, {"title": title, "horizon": "short", "due": due, "success": success})


def _progress(stage: Stage, objective_id: int, status: str, progress: str, comment: str) -> None:
    stage.command(MENTEE, "objectifs")
    stage.click(MENTEE, actions.OBJECTIVE_UPDATE, str(objective_id))
    stage.fill(MENTEE, Form.OBJECTIVE_UPDATE, {"status": status, "progress": progress, "comment": comment})


def play(stage: Stage, lang: str) -> None:
    """The programme, month after month."""
    w = STORY[lang]
    stage.milestone("pairing")
    stage.pair(COORD, MENTOR, MENTEE, "2026-12-01")
    for user in (MENTOR, MENTEE):
        stage.click(user, actions.CONVENTION_ACCEPT)
    stage.milestone("first_meeting")
    stage.advance(datetime(2026, 12, 2, 14, 0, tzinfo=UTC))
    stage.command(MENTEE, "prochaine-rencontre")
    stage.fill(MENTEE, Form.MEETING, {"date": "2026-12-09", "time": "13:00", "agenda": w["agenda1"]})
    stage.click(MENTOR, actions.MEETING_COUNTER)
    stage.milestone("counter")
    stage.fill(MENTOR, Form.MEETING, {"date": "2026-12-10", "time": "10:00"})
    stage.click(MENTEE, actions.MEETING_CONFIRM)
    stage.command(MENTEE, "objectifs")
    _objective(stage, w["goal1"], w["goal1_success"], "2027-06-30")
    _objective(stage, w["goal2"], w["goal2_success"], "2027-09-15")
    stage.after_meeting(MENTEE)
    stage.milestone("moved")
    stage.advance(datetime(2027, 1, 5, 15, 0, tzinfo=UTC))
    stage.command(MENTOR, "prochaine-rencontre")
    stage.fill(MENTOR, Form.MEETING, {"date": "2027-01-13", "time": "09:00"})
    stage.click(MENTEE, actions.MEETING_CONFIRM)
    stage.click(MENTOR, actions.MEETING_MOVE)
    stage.fill(MENTOR, Form.MEETING, {"date": "2027-01-14", "time": "09:30", "reason": w["move_reason"]})
    stage.click(MENTEE, actions.MEETING_CONFIRM)
    stage.milestone("agenda")
    stage.advance(datetime(2027, 1, 11, 13, 0, tzinfo=UTC))
    stage.command(MENTEE, "ordre-du-jour " + w["agenda2"])
    stage.after_meeting(MENTEE)
    goal1, goal2 = stage.objective_ids()[:2]
    _progress(stage, goal1, "in_progress", "40", w["progress1"])
    stage.command(MENTOR, "objectifs")
    stage.click(MENTOR, actions.OBJECTIVE_FEEDBACK, str(goal1))
    stage.fill(MENTOR, Form.OBJECTIVE_FEEDBACK, {"comment": w["feedback1"]})
    stage.milestone("slip")
    stage.advance(datetime(2027, 2, 22, 18, 0, tzinfo=UTC))  # no meeting for a month: the nudge comes
    stage.click(MENTEE, actions.NUDGE_PLAN_MEETING)
    stage.fill(MENTEE, Form.MEETING, {"date": "2027-02-24", "time": "12:00"})
    stage.click(MENTOR, actions.MEETING_CONFIRM)
    stage.after_meeting(MENTEE)
    stage.milestone("differend")
    stage.advance(datetime(2027, 3, 15, 17, 0, tzinfo=UTC))
    stage.command(MENTOR, "differend")
    stage.fill(MENTOR, Form.DIFFEREND, {"summary": w["differend"], "amicable": "yes"})
    stage.click(COORD, actions.DISPUTE_TAKE)
    stage.advance(datetime(2027, 3, 17, 15, 0, tzinfo=UTC))
    stage.click(COORD, actions.DISPUTE_RESOLVE)
    stage.milestone("months")
    for day, time, proposer, other in (("2027-03-24", "12:00", MENTEE, MENTOR), ("2027-04-21", "10:00", MENTOR, MENTEE),
                                       ("2027-05-19", "12:30", MENTEE, MENTOR), ("2027-06-16", "10:00", MENTOR, MENTEE),
                                       ("2027-07-21", "12:00", MENTEE, MENTOR), ("2027-08-18", "10:00", MENTOR, MENTEE)):
        stage.advance(datetime.fromisoformat(day + "T14:00:00+00:00") - timedelta(days=8))
        stage.meeting(proposer, other, day, time)
        stage.after_meeting(MENTEE)
        if day == "2027-05-19":
            _progress(stage, goal1, "reached", "100", w["progress2"])
        if day == "2027-07-21":
            _progress(stage, goal2, "in_progress", "70", w["progress3"])
    stage.milestone("closing")
    stage.advance(datetime(2027, 9, 1, 18, 0, tzinfo=UTC))  # the end approaches: the closing meeting
    stage.click(MENTEE, actions.MEETING_PLAN)
    stage.fill(MENTEE, Form.MEETING, {"date": "2027-09-15", "time": "12:00", "agenda": w["agenda3"]})
    stage.click(MENTOR, actions.MEETING_CONFIRM)
    stage.after_meeting(MENTEE)
    stage.advance(datetime(2027, 9, 17, 18, 0, tzinfo=UTC))  # the bilan is asked for
    stage.milestone("bilan")
    results = {f"objective:{goal1}": "reached", f"objective:{goal2}": "partly"}
    stage.click(MENTEE, actions.BILAN_OPEN)
    stage.fill(MENTEE, Form.BILAN, {
        "brought": w["bilan_brought"], "went": w["bilan_went"], "qualities": w["bilan_qualities"],
        "support": w["bilan_support"], "next_steps": w["bilan_next"], "satisfaction": "5", **results,
        "decision": "end", "keep_in_touch": "yes", "follow_up": "2027-12-15",
        "share": ("brought", "qualities", "support", "next_steps", "satisfaction", "objectives")})
    stage.click(MENTOR, actions.BILAN_OPEN)
    stage.fill(MENTOR, Form.BILAN, {
        "brought": w["mentor_brought"], "went": w["mentor_went"], "support": w["mentor_support"],
        "satisfaction": "4", **results, "decision": "end", "keep_in_touch": "yes",
        "share": ("brought", "support", "satisfaction", "objectives")})
    stage.milestone("thanks")
    stage.click(MENTEE, actions.THANKS_WRITE)
    stage.fill(MENTEE, Form.THANKS, {"message": w["thanks"], "achievements": w["thanks_achieved"]})
    stage.milestone("figures")
    stage.command(COORD, "rapport")


STORY: dict[str, dict[str, str]] = {
    "fr": {
        "agenda1": "Faire connaissance ; mes attentes ; comment je prépare mes présentations",
        "goal1": "Présenter un projet au comité de direction", "goal1_success": "Une présentation de 10 minutes, "
        "avec les questions", "goal2": "Élargir mon réseau interne", "goal2_success": "Cinq cafés avec d'autres "
        "équipes",
        "move_reason": "Un comité a été déplacé sur ce créneau ; désolée !",
        "agenda2": "Retour sur ma première présentation ; préparer le comité de mars",
        "agenda3": "Ce que je fais mieux maintenant ; ce qui reste à travailler ; la suite",
        "progress1": "Plan de présentation prêt, répétition faite avec l'équipe",
        "feedback1": "Beau travail : pense à finir par une seule demande claire.",
        "progress2": "Présentation faite au comité ; projet accepté",
        "progress3": "Trois cafés sur cinq",
        "differend": "Deux rencontres annulées à la dernière minute de suite ; j'aimerais qu'on en parle à trois.",
        "bilan_brought": "De l'assurance devant un public, et une méthode pour préparer",
        "bilan_went": "Très bien, malgré un passage à vide en mars",
        "bilan_qualities": "Son écoute et ses questions qui font réfléchir",
        "bilan_support": "Négocier un budget",
        "bilan_next": "Présenter le bilan du projet en décembre",
        "mentor_brought": "Un regard neuf sur nos façons de faire",
        "mentor_went": "Une belle relation, franche",
        "mentor_support": "La négociation et la délégation",
        "thanks": "Merci Marie pour ta disponibilité et tes conseils, surtout avant le comité de mai.",
        "thanks_achieved": "Mon projet a été accepté et je le pilote.",
    },
    "en": {
        "agenda1": "Getting to know each other; my expectations; how I prepare my presentations",
        "goal1": "Present a project to the leadership committee", "goal1_success": "A 10-minute presentation, "
        "with questions", "goal2": "Grow my internal network", "goal2_success": "Five coffees with other teams",
        "move_reason": "A committee was moved to this slot; sorry!",
        "agenda2": "Feedback on my first presentation; preparing the March committee",
        "agenda3": "What I now do better; what is left to work on; what comes next",
        "progress1": "Presentation outline ready, rehearsed with the team",
        "feedback1": "Nice work: remember to end with one clear ask.",
        "progress2": "Presented to the committee; project approved",
        "progress3": "Three coffees out of five",
        "differend": "Two meetings cancelled at the last minute in a row; I would like the three of us to talk.",
        "bilan_brought": "Confidence in front of an audience, and a way to prepare",
        "bilan_went": "Very well, despite a slow patch in March",
        "bilan_qualities": "Her listening and her thought-provoking questions",
        "bilan_support": "Negotiating a budget",
        "bilan_next": "Present the project review in December",
        "mentor_brought": "A fresh look at how we do things",
        "mentor_went": "A good, frank relationship",
        "mentor_support": "Negotiation and delegation",
        "thanks": "Thank you Marie for your time and advice, especially before the May committee.",
        "thanks_achieved": "My project was approved and I lead it.",
    },
}

# What only the pair may read: the tests check none of it reaches the coordinator.
PRIVATE_KEYS = ("agenda1", "agenda2", "agenda3", "move_reason", "progress1", "feedback1", "bilan_brought", "bilan_went",
                "bilan_support", "mentor_brought", "thanks", "goal1", "goal2")
