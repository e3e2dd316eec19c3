"""Textes propres à Microsoft Teams : formulaires en cartes, accueil, erreurs (français)."""

TEXTS: dict[str, str] = {
    "teams.form.cancel": "Annuler",
    "teams.form.cancelled": "Formulaire fermé : rien n'a été enregistré.",
    "teams.form.fix": "⚠️ Un champ est à corriger (voir plus bas). Tout ce que vous avez écrit est conservé.",
    "teams.welcome": "Bonjour {name} ! Je suis *Mentorat* : j'accompagne votre programme de mentorat, de la "
    "convention jusqu'au bilan. Écrivez-moi `mentorat aide` (ou simplement `aide`) pour voir ce que je peux "
    "faire pour vous.",
    "teams.error.generic": "Désolé, quelque chose n'a pas fonctionné de notre côté. Rien de ce que vous avez "
    "écrit n'a été envoyé à quiconque ; réessayez dans un instant.",
    "teams.personal_only": "Pour protéger la confidentialité du mentorat, je réponds seulement en conversation "
    "privée : ouvrez une discussion avec Mentorat et écrivez-y `mentorat aide`.",
    "teams.stale": "Ce bouton ne correspond plus à rien que je connaisse. Écrivez `mentorat aide` pour repartir.",
    "teams.file.open": "Ouvrir le fichier",
    "teams.pair.picker": "Choisissez la personne dans l'annuaire de votre organisation",
    "teams.pair.unreachable": "Je ne peux pas écrire à cette personne dans Teams : l'application Mentorat "
    "n'est pas installée pour elle. Demandez à l'administration Teams de l'installer (ou à la personne de "
    "l'ajouter), puis recommencez : ce que vous avez choisi est conservé.",
    "teams.meeting.ics": "📎 L'invitation pour votre rencontre {when} : ouvrez-la pour l'ajouter à votre agenda.",
    "teams.meeting.ics_unavailable": "Je ne peux pas proposer de fichier pour l'instant (adresse publique du "
    "service non configurée) : ajoutez la rencontre à votre agenda à la main.",
    "teams.meeting.cancelled": "❌ Rencontre annulée : {when}. L'autre personne est prévenue.",
}
