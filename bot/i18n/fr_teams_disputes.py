"""Textes Teams : différend, fin hâtive et coordination (français)."""

TEXTS: dict[str, str] = {
    # `mentorat coordonnateurs` : sur Teams, on choisit la personne dans l'annuaire au lieu de la mentionner.
    "teams.disputes.coord.by_right": "Coordonnent de droit : les personnes dont l'identifiant figure dans "
    "MENTORAT_COORDINATORS.",
    "teams.disputes.coord.usage": "Pour modifier la liste, choisissez une personne ci-dessous, puis ajoutez-la "
    "à la coordination ou retirez-la.",
    "teams.disputes.coord.person": "Personne de votre organisation",
    "teams.disputes.coord.add": "Ajouter à la coordination",
    "teams.disputes.coord.remove": "Retirer de la coordination",
    "teams.disputes.coord.pick": "Choisissez d'abord une personne dans l'annuaire.",
}
