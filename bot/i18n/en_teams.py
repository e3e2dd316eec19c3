"""Texts specific to Microsoft Teams: card forms, welcome, errors (English)."""

TEXTS: dict[str, str] = {
    "teams.form.cancel": "Cancel",
    "teams.form.cancelled": "Form closed: nothing was saved.",
    "teams.form.fix": "⚠️ One field needs fixing (see below). Everything you wrote is kept.",
    "teams.welcome": "Hello {name}! I am *Mentorat*: I support your mentoring programme, from the agreement to "
    "the closing review. Write `mentorat help` (or just `help`) to see what I can do for you.",
    "teams.error.generic": "Sorry, something went wrong on our side. Nothing you wrote was sent to anyone; "
    "please try again in a moment.",
    "teams.personal_only": "To keep mentoring confidential, I only answer in a private chat: open a chat with "
    "Mentorat and write `mentorat help` there.",
    "teams.stale": "This button no longer matches anything I know. Write `mentorat help` to start again.",
    "teams.file.open": "Open the file",
    "teams.pair.picker": "Pick the person from your organisation's directory",
    "teams.pair.unreachable": "I cannot write to this person in Teams: the Mentorat app is not installed for "
    "them. Ask your Teams administrator to install it (or the person to add it), then try again: what you "
    "picked is kept.",
    "teams.meeting.ics": "📎 The invitation for your meeting {when}: open it to add it to your calendar.",
    "teams.meeting.ics_unavailable": "I cannot offer a file right now (the service's public address is not "
    "configured): please add the meeting to your calendar by hand.",
    "teams.meeting.cancelled": "❌ Meeting cancelled: {when}. The other person has been told.",
}
