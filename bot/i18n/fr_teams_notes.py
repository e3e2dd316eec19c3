"""Textes Teams : notes et objectifs (français)."""

TEXTS: dict[str, str] = {
    # Une longue liste tient sur plusieurs cartes : les suivantes rappellent de quoi il s'agit.
    "teams.notes.continued": "{title} (suite)",
    # Une échéance que le calendrier de Teams n'aurait pas pu envoyer (valeur modifiée à la main).
    "teams.notes.due_unreadable": "Je ne reconnais pas cette date : choisissez l'échéance dans le calendrier.",
}
