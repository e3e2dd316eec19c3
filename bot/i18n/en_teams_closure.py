"""Teams texts: review, thanks, report and import (English).

Only what differs from Slack lives here; the rest reuses en.py and en_closure.py.
"""

TEXTS: dict[str, str] = {
    # The bilan fits one Teams card (28 KB at most)
    "teams.closure.bilan.limit": "Each answer holds up to {limit} characters here.",
    "teams.closure.bilan.more_objectives": "And {count} more objectives, which do not fit in this card: what you "
    "already recorded for them is kept.",
    # The sponsor who receives final reports (a Teams command cannot carry a reliable @mention: a card instead).
    "teams.closure.sponsor.hint": "A sponsor can receive the final reports that both people of a pair agree to pass "
    "on: write `mentorat review sponsor` to choose them.",
    "teams.closure.sponsor.title": "Who receives the final reports",
    "teams.closure.sponsor.intro": "Currently: {name}. Pick from the directory the sponsor I will send final reports "
    "to, only when both people of a pair agree, and with only what they share.",
    "teams.closure.sponsor.label": "Sponsor",
    "teams.closure.sponsor.submit": "Save",
    "teams.closure.sponsor.clear": "Send to nobody",
    # Files become links
    "teams.closure.file_unavailable": "I cannot attach the file right now (the service's public address is not "
    "configured): please ask your coordinators for it.",
    "teams.closure.files": "The buttons below open the files: personal links, valid for 30 days.",
    # Bulk import
    "teams.closure.import.intro": "One line per pair: `mentor,mentee,start`. Name each person by their Microsoft "
    "Entra object ID (the “Object ID” column of the users list in the Entra admin centre, for example "
    "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d); the start date (YYYY-MM-DD) is optional. Up to {limit} characters "
    "per import.",
    "teams.closure.import.paste": "The lines of the CSV file",
    "teams.closure.import.nothing": "Paste the lines of the CSV file, one pair per line.",
    "teams.closure.import.too_long": "Paste at most {limit} characters at a time: spread the pairs over several "
    "imports.",
    "teams.closure.import.started": "📥 Import started: {count} lines read. Reaching each person in Teams takes a "
    "moment; I will write to you here as soon as the result is ready.",
    "teams.closure.import.person": "“{value}” is not a Microsoft Entra object ID",
    "teams.closure.import.email": "“{value}” is an address: without extra access to the directory, I cannot find "
    "a person by their address in Teams. Give their Entra object ID instead",
    "teams.closure.import.unreachable": "I cannot write to {value} in Teams (Mentorat is not installed for them, or "
    "the ID matches nobody in the organisation)",
    "teams.closure.import.failed": "The import could not finish, on our side. The pairs already created are kept; "
    "run the import again, nothing will be created twice.",
}
