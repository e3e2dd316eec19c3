"""Teams texts: disagreement, early end and the coordinators (English)."""

TEXTS: dict[str, str] = {
    # `mentorat coordonnateurs`: on Teams the person is picked from the directory rather than mentioned.
    "teams.disputes.coord.by_right": "Coordinators by right: the people whose id is listed in "
    "MENTORAT_COORDINATORS.",
    "teams.disputes.coord.usage": "To change the list, pick a person below, then add them to the coordinators "
    "or remove them.",
    "teams.disputes.coord.person": "Person in your organisation",
    "teams.disputes.coord.add": "Add to the coordinators",
    "teams.disputes.coord.remove": "Remove from the coordinators",
    "teams.disputes.coord.pick": "Pick a person from the directory first.",
}
