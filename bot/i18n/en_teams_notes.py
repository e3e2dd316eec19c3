"""Teams texts: notes and objectives (English)."""

TEXTS: dict[str, str] = {
    # A long list spreads over several cards: the next ones say what they continue.
    "teams.notes.continued": "{title} (continued)",
    # A due date Teams' calendar could not have sent (a value edited by hand).
    "teams.notes.due_unreadable": "I can't read that date: pick the due date in the calendar.",
}
