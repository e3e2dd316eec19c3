"""English texts. Same keys and placeholders as fr.py."""

TEXTS: dict[str, str] = {
    "help.title": "*Mentorat*: what you can do",
    "help.role.coordinator": "You are one of the coordinators of the “{programme}” programme.",
    "help.role.mentor": "You are {other}'s mentor.",
    "help.role.mentee": "{other} is your mentor.",
    "help.role.none": "You are not in a mentoring agreement yet. A coordinator will pair you with a mentor "
    "or a mentee; the agreement will then reach you here, in a direct message.",
    "help.coordinators": "Coordinators: {names}",
    "help.footer": "Tip: Mentorat's *Home* tab has the same actions.",
    "help.unknown": "I don't know the command “{command}”.",
    "help.did_you_mean": "Did you mean `/mentorat {suggestion}`?",
    "cmd.aide": "show this help",
    "cmd.statut": "where your agreement stands: phase, month, meetings, next step",
    "cmd.convention": "read your mentoring agreement again and accept it",
    "cmd.jumeler": "pair a mentor with a mentee: `/mentorat pair @mentor @mentee [YYYY-MM-DD]`, or with "
    "nothing else to open the form",
    "cmd.coordonnateurs": "see the coordinators; `add @person` or `remove @person`",
    "cmd.langue": "choose the bot's language: `/mentorat language en` or `/mentorat language fr`",
    "none": "none",
    "role.mentor": "mentor",
    "role.mentee": "mentee",
    "role.coordinator": "coordinators",
    "status.draft": "draft",
    "status.awaiting_signatures": "waiting for signatures",
    "status.active": "active",
    "status.closing": "closing",
    "status.closed": "ended",
    "status.ended_early": "ended early",
    "phase.launch": "launch",
    "phase.development": "development",
    "phase.separation": "closing and next steps",
    "pair.usage": "To pair: `/mentorat pair @mentor @mentee` (optional start date, YYYY-MM-DD), or "
    "`/mentorat pair` alone to open the form.",
    "pair.modal.title": "Pair a mentor & mentee",
    "pair.modal.mentor": "Mentor",
    "pair.modal.mentee": "Mentee",
    "pair.modal.start": "Start date",
    "pair.modal.submit": "Send the agreement",
    "pair.modal.cancel": "Cancel",
    "pair.modal.hint": "Both people receive the agreement in a direct message; it starts once each of them "
    "has accepted it.",
    "pair.sent": "📨 Agreement sent to {mentor} (mentor) and {mentee} (mentee), starting {start}. I'll let "
    "you know as soon as both have accepted.",
    "pair.already_sent": "This agreement between {mentor} and {mentee} already exists ({status}): nothing "
    "was sent twice.",
    "error.pair.need_two": "Mention two people: `/mentorat pair @mentor @mentee`.",
    "error.pair.same_person": "The same person cannot be both mentor and mentee.",
    "error.pair.bot": "{name} is a bot: choose a person.",
    "error.pair.deactivated": "{name}'s account is deactivated.",
    "error.pair.unknown_user": "I can't find that person in this workspace.",
    "error.pair.mentor_busy": "{name} already has an ongoing agreement as a mentor.",
    "error.pair.mentee_busy": "{name} already has an ongoing agreement as a mentee.",
    "error.pair.bad_date": "“{value}” is not a date: write it YYYY-MM-DD, for example 2027-01-15.",
    "error.pair.date_too_early": "The start date cannot be before {earliest}.",
    "error.pair.date_too_late": "The start date must be no later than {latest}.",
    "conv.title": "Your mentoring agreement",
    "conv.intro": "{coordinator} proposes a mentoring relationship in the “{programme}” programme: "
    "*{mentor}* as mentor and *{mentee}* as mentee. Here is what each of you commits to.",
    "conv.your_role.mentor": "Your role: mentor to {other}.",
    "conv.your_role.mentee": "Your role: mentee; {other} supports you.",
    "conv.duration.title": "Length and rhythm",
    "conv.duration.body": "About {months} months, from {start} to {end}. A meeting roughly every {every} "
    "days, {min} to {max} minutes long. At the end of each meeting, agree together on the date of the "
    "next one; a planned meeting is only cancelled when there is truly no other way.",
    "conv.mentor.title": "The mentor",
    "conv.mentor.body": "Volunteers their time for the whole agreement: shares experience, know-how and "
    "network, helps clarify goals and find ways forward. Never decides or acts in the mentee's place.",
    "conv.mentee.title": "The mentee",
    "conv.mentee.body": "Stays available and in touch between meetings, brings their own topics (the agenda "
    "goes out before each meeting so the mentor can prepare) and shares what the mentoring needs. "
    "Keeps control of their choices and remains responsible for them.",
    "conv.together.title": "Together",
    "conv.together.body": "Review your goals and how the relationship is going on a regular basis, and give "
    "each other honest, caring feedback. Mentoring is neither therapy nor a performance review.",
    "conv.confidential.title": "Confidentiality",
    "conv.confidential.body": "What is said between you stays between you, even after the programme ends, "
    "unless the law requires otherwise. One exception: if someone says they intend to endanger themself "
    "or others, the proper authorities are alerted. Coordinators only receive figures (meetings, goals "
    "reached, satisfaction), never the content of your conversations.",
    "conv.dispute.title": "If you disagree",
    "conv.dispute.body": "First look for a solution between the two of you. If that does not work, the "
    "coordinators ({coordinator}) meet with you to help bring your views together.",
    "conv.early_end.title": "Ending early",
    "conv.early_end.body": "Possible at any time, if mentoring is no longer useful or the relationship has "
    "become too hard, but only after talking it over with the coordinators and telling them why.",
    "conv.button.accept": "I accept",
    "conv.button.question": "I have a question",
    "conv.accepted.you": "✅ You accepted the agreement on {when}.",
    "conv.accepted.waiting": "{other} has not accepted yet; I'll let you know as soon as they do.",
    "conv.already_accepted": "You had already accepted this agreement on {when}.",
    "conv.active.pair": "🎉 Your agreement with {other} is now in effect, from {start} to {end}. First step: "
    "get to know each other, talk about your expectations and set the date of your first meeting.",
    "conv.active.coordinator": "✅ {mentor} (mentor) and {mentee} (mentee) have both accepted their "
    "agreement: it runs from {start} to {end}.",
    "conv.question.sent": "Done: {coordinator} will write to you. The agreement is waiting for you; you can "
    "accept it afterwards with the button above or `/mentorat agreement`.",
    "conv.question.coordinator": "❓ {person} has a question about their agreement with {other} before "
    "accepting it. Please write to them directly.",
    "conv.not_yours": "This agreement belongs to other people: you cannot answer it.",
    "conv.not_open": "This agreement is no longer waiting for signatures ({status}).",
    "conv.none": "You have no ongoing agreement. The coordinators ({coordinators}) will pair you; the "
    "agreement will then reach you in a direct message.",
    "status.none": "You have no ongoing agreement.",
    "status.heading": "Agreement with {other} (your role: {role})",
    "status.state": "State: {status}",
    "status.phase": "Phase: {phase}, month {month} of {months}",
    "status.dates": "From {start} to {end}",
    "status.meetings": "Meetings held: {held} (about {expected} expected so far)",
    "status.next": "Next step: {next}",
    "next.accept": "read the agreement and accept it (`/mentorat agreement`).",
    "next.wait_other": "wait for {other} to accept.",
    "next.not_started": "the agreement starts on {start}.",
    "next.launch": "get to know each other, clarify your expectations and first goals, and set the date of "
    "your next meeting.",
    "next.development": "about one meeting a month; at the end of each, agree on the next one and review "
    "your goals.",
    "next.separation": "the end is near: prepare the review, decide what comes next and remember to say "
    "thank you.",
    "next.closed": "this agreement has ended.",
    "coord.list": "Coordinators of the “{programme}” programme: {names}",
    "coord.by_right": "By right: the workspace admins and the people listed in MENTORAT_COORDINATORS.",
    "coord.usage": "`/mentorat coordinators` shows the list; `/mentorat coordinators add @person` or "
    "`remove @person` changes it.",
    "coord.added": "{name} is now a coordinator.",
    "coord.already": "{name} is already a coordinator.",
    "coord.removed": "{name} is no longer a coordinator.",
    "coord.not_member": "{name} is not one of the coordinators added here.",
    "coord.by_right_cannot_remove": "{name} coordinates by right (workspace admin or "
    "MENTORAT_COORDINATORS): change it there, not here.",
    "lang.set": "Noted: I'll write to you in English from now on.",
    "lang.usage": "Choose `/mentorat language en` or `/mentorat language fr`.",
    "error.not_allowed": "`/mentorat {command}` is for: {roles}.",
    "error.coordinator_only": "Only the programme's coordinators can do that ({names}).",
    "error.generic": "Sorry, something failed on my side and nothing was saved. Try again in a moment; if "
    "it happens again, tell your coordinators.",
    "home.title": "Mentorat",
    "home.intro": "Mentorat supports your mentoring programme: the agreement, a meeting a month, your goals "
    "and a thoughtful ending, with reminders at the right time.",
    "home.your_conventions": "Your agreements",
    "home.button.help": "Show help",
    "home.button.status": "See where I stand",
    "home.button.convention": "Read my agreement",
    "home.button.pair": "Pair a mentor & mentee",
    "home.coordinator": "You are a coordinator: pair people from here or with `/mentorat pair`.",
    "home.shown": "I answered you in a direct message.",
    "nudge.text": "👋 A quick word from Mentorat: no meeting is planned with {other} and the last one was more "
    "than {days} days ago. Take a few minutes to agree on the next one; your agreement plans about one meeting "
    "a month.",
    "nudge.button": "Plan the next meeting",
    "nudge.how": "Write to {other} and choose a time together in the coming weeks ({min} to {max} minutes). "
    "Booking the meeting right in Mentorat is coming soon; meanwhile `/mentorat status` shows where you stand.",
    "cmd.pause": "pause your reminders: `/mentorat pause 2 weeks` (days, weeks or months)",
    "cmd.reprendre": "turn your reminders back on after a pause",
    "pause.set": "⏸️ Noted: no reminders until {until}. Essential messages (a meeting tomorrow, a dispute) "
    "still reach you. `/mentorat resume` turns them back on sooner.",
    "pause.usage": "For example `/mentorat pause 2 weeks`: in days, weeks or months, three months at most.",
    "pause.resumed": "▶️ Your reminders are back on.",
    "pause.not_paused": "Your reminders were not paused.",
}
