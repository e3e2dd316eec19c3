"""Textes français (langue par défaut). Mêmes clés et mêmes paramètres que en.py."""

TEXTS: dict[str, str] = {
    # Help and commands
    "help.title": "*Mentorat* : ce que vous pouvez faire",
    "help.role.coordinator": "Vous faites partie de la coordination du programme « {programme} ».",
    "help.role.mentor": "Vous êtes mentor de {other}.",
    "help.role.mentee": "Vous êtes accompagné·e par {other}, votre mentor.",
    "help.role.none": "Vous ne participez encore à aucune convention. La coordination vous jumellera avec "
    "un mentor ou une personne à accompagner ; la convention vous arrivera alors ici, en message privé.",
    "help.coordinators": "Coordination : {names}",
    "help.footer": "Astuce : l'onglet *Accueil* de Mentorat regroupe les mêmes actions.",
    "help.unknown": "Je ne connais pas la commande « {command} ».",
    "help.did_you_mean": "Vouliez-vous dire `/mentorat {suggestion}` ?",
    "cmd.aide": "afficher cette aide",
    "cmd.statut": "où en est votre convention : phase, mois, rencontres, prochaine étape",
    "cmd.convention": "relire votre convention et l'accepter",
    "cmd.jumeler": "jumeler un mentor et une personne mentorée : `/mentorat jumeler @mentor @mentoré "
    "[AAAA-MM-JJ]`, ou sans rien pour ouvrir le formulaire",
    "cmd.coordonnateurs": "voir la coordination ; `ajouter @personne` ou `retirer @personne`",
    "cmd.langue": "choisir la langue du bot : `/mentorat langue fr` ou `/mentorat langue en`",
    "none": "aucune",
    # Roles and states
    "role.mentor": "mentor",
    "role.mentee": "personne mentorée",
    "role.coordinator": "coordination",
    "status.draft": "brouillon",
    "status.awaiting_signatures": "en attente de signature",
    "status.active": "en cours",
    "status.closing": "en clôture",
    "status.closed": "terminée",
    "status.ended_early": "terminée avant terme",
    "phase.launch": "lancement",
    "phase.development": "développement",
    "phase.separation": "clôture et suite",
    # Pairing
    "pair.usage": "Pour jumeler : `/mentorat jumeler @mentor @mentoré` (date de début facultative, "
    "AAAA-MM-JJ), ou `/mentorat jumeler` seul pour ouvrir le formulaire.",
    "pair.modal.title": "Jumeler une paire",
    "pair.modal.mentor": "Mentor",
    "pair.modal.mentee": "Personne mentorée",
    "pair.modal.start": "Date de début",
    "pair.modal.submit": "Envoyer la convention",
    "pair.modal.cancel": "Annuler",
    "pair.modal.hint": "Les deux personnes recevront la convention en message privé ; elle entre en "
    "vigueur quand chacune l'a acceptée.",
    "pair.sent": "📨 Convention envoyée à {mentor} (mentor) et à {mentee} (personne mentorée), début le "
    "{start}. Je vous préviens dès que les deux l'ont acceptée.",
    "pair.already_sent": "Cette convention entre {mentor} et {mentee} existe déjà ({status}) : rien n'a été "
    "envoyé une seconde fois.",
    "error.pair.need_two": "Mentionnez deux personnes : `/mentorat jumeler @mentor @mentoré`.",
    "error.pair.same_person": "Une même personne ne peut pas être à la fois mentor et mentorée.",
    "error.pair.bot": "{name} est un bot : choisissez une personne.",
    "error.pair.deactivated": "Le compte de {name} est désactivé.",
    "error.pair.unknown_user": "Je ne trouve pas cette personne dans l'espace de travail.",
    "error.pair.mentor_busy": "{name} a déjà une convention en cours comme mentor.",
    "error.pair.mentee_busy": "{name} a déjà une convention en cours comme personne mentorée.",
    "error.pair.bad_date": "« {value} » n'est pas une date : écrivez-la AAAA-MM-JJ, par exemple 2027-01-15.",
    "error.pair.date_too_early": "La date de début ne peut pas précéder le {earliest}.",
    "error.pair.date_too_late": "La date de début doit tomber d'ici le {latest}.",
    # Convention text (the bot's own words, from the programme's convention)
    "conv.title": "Votre convention de mentorat",
    "conv.intro": "{coordinator} vous propose une relation de mentorat dans le programme « {programme} » : "
    "*{mentor}* comme mentor et *{mentee}* comme personne mentorée. Voici ce que chacun s'engage à faire.",
    "conv.your_role.mentor": "Votre rôle : mentor de {other}.",
    "conv.your_role.mentee": "Votre rôle : personne mentorée ; {other} vous accompagne.",
    "conv.duration.title": "Durée et rythme",
    "conv.duration.body": "Environ {months} mois, du {start} au {end}. Une rencontre à peu près tous les "
    "{every} jours, de {min} à {max} minutes. En fin de rencontre, fixez ensemble la date de la suivante ; "
    "une rencontre prévue ne s'annule qu'en dernier recours.",
    "conv.mentor.title": "Le mentor",
    "conv.mentor.body": "Donne de son temps, bénévolement, pendant toute la convention : partage son "
    "expérience, son savoir-faire et son réseau, aide à clarifier les objectifs et à trouver des pistes. "
    "Il ne décide jamais et n'agit jamais à la place de la personne mentorée.",
    "conv.mentee.title": "La personne mentorée",
    "conv.mentee.body": "Reste disponible et garde le contact entre les rencontres, arrive avec ses sujets "
    "(l'ordre du jour part avant chaque rencontre pour que le mentor s'y prépare) et transmet ce qui est "
    "utile au mentorat. Elle garde la main sur ses choix et en reste responsable.",
    "conv.together.title": "Ensemble",
    "conv.together.body": "Faites régulièrement le point sur vos objectifs et sur la façon dont la relation "
    "se passe, et offrez-vous une rétroaction franche et bienveillante. Le mentorat n'est ni une thérapie "
    "ni une évaluation de rendement.",
    "conv.confidential.title": "Confidentialité",
    "conv.confidential.body": "Ce qui se dit entre vous reste entre vous, y compris après la fin du "
    "programme, sauf obligation légale. Seule exception : si quelqu'un annonce vouloir se mettre en danger "
    "ou mettre autrui en danger, les autorités compétentes sont prévenues. La coordination ne reçoit que "
    "des chiffres (rencontres, objectifs atteints, satisfaction), jamais le contenu de vos échanges.",
    "conv.dispute.title": "En cas de désaccord",
    "conv.dispute.body": "Cherchez d'abord une solution à deux. Si vous n'y arrivez pas, la coordination "
    "({coordinator}) vous rencontre pour vous aider à rapprocher vos points de vue.",
    "conv.early_end.title": "Arrêter avant la date prévue",
    "conv.early_end.body": "C'est possible à tout moment, si le mentorat n'est plus utile ou si la relation "
    "devient trop difficile, mais seulement après en avoir parlé avec la coordination et lui avoir "
    "expliqué pourquoi.",
    "conv.button.accept": "J'accepte",
    "conv.button.question": "J'ai une question",
    "conv.accepted.you": "✅ Vous avez accepté la convention le {when}.",
    "conv.accepted.waiting": "Il manque encore l'accord de {other} ; je vous préviens dès qu'il arrive.",
    "conv.already_accepted": "Vous aviez déjà accepté cette convention le {when}.",
    "conv.active.pair": "🎉 Votre convention avec {other} est en vigueur, du {start} au {end}. Première "
    "étape : faites connaissance, parlez de vos attentes et fixez la date de votre première rencontre.",
    "conv.active.coordinator": "✅ {mentor} (mentor) et {mentee} (personne mentorée) ont tous deux accepté "
    "leur convention : elle court du {start} au {end}.",
    "conv.question.sent": "C'est transmis : {coordinator} va vous écrire. La convention vous attend ; "
    "vous pourrez l'accepter ensuite avec le bouton ci-dessus ou `/mentorat convention`.",
    "conv.question.coordinator": "❓ {person} a une question sur sa convention avec {other} avant de "
    "l'accepter. Écrivez-lui directement.",
    "conv.not_yours": "Cette convention concerne d'autres personnes : vous ne pouvez pas y répondre.",
    "conv.not_open": "Cette convention n'attend plus de signature ({status}).",
    "conv.none": "Vous n'avez aucune convention en cours. La coordination ({coordinators}) vous "
    "jumellera ; la convention vous arrivera alors en message privé.",
    # Status
    "status.none": "Vous n'avez aucune convention en cours.",
    "status.heading": "Convention avec {other} (votre rôle : {role})",
    "status.state": "État : {status}",
    "status.phase": "Phase : {phase}, mois {month} sur {months}",
    "status.dates": "Du {start} au {end}",
    "status.meetings": "Rencontres tenues : {held} (environ {expected} attendues à ce jour)",
    "status.next": "Prochaine étape : {next}",
    "next.accept": "lire la convention et l'accepter (`/mentorat convention`).",
    "next.wait_other": "attendre l'accord de {other}.",
    "next.not_started": "la convention commence le {start}.",
    "next.launch": "faites connaissance, clarifiez vos attentes et vos premiers objectifs, et fixez la "
    "date de votre prochaine rencontre.",
    "next.development": "une rencontre par mois environ ; à la fin de chacune, convenez de la suivante et "
    "faites le point sur vos objectifs.",
    "next.separation": "la fin approche : préparez le bilan, décidez de la suite et pensez à remercier.",
    "next.closed": "cette convention est terminée.",
    # Coordinators
    "coord.list": "Coordination du programme « {programme} » : {names}",
    "coord.by_right": "De droit : les administrateurs de l'espace de travail et les personnes listées dans "
    "MENTORAT_COORDINATORS.",
    "coord.usage": "`/mentorat coordonnateurs` affiche la liste ; `/mentorat coordonnateurs ajouter "
    "@personne` ou `retirer @personne` la modifie.",
    "coord.added": "{name} fait maintenant partie de la coordination.",
    "coord.already": "{name} fait déjà partie de la coordination.",
    "coord.removed": "{name} ne fait plus partie de la coordination.",
    "coord.not_member": "{name} ne fait pas partie des coordonnateurs ajoutés ici.",
    "coord.by_right_cannot_remove": "{name} coordonne de droit (administration de l'espace de travail "
    "ou MENTORAT_COORDINATORS) : cela se change là, pas ici.",
    # Language
    "lang.set": "C'est noté : je vous écrirai désormais en français.",
    "lang.usage": "Choisissez `/mentorat langue fr` ou `/mentorat langue en`.",
    # Permissions and errors
    "error.not_allowed": "`/mentorat {command}` est réservé à : {roles}.",
    "error.coordinator_only": "Seule la coordination du programme peut faire cela ({names}).",
    "error.generic": "Désolé, quelque chose a échoué de mon côté et rien n'a été enregistré. "
    "Réessayez dans un instant ; si cela se répète, prévenez la coordination.",
    # App Home
    "home.title": "Mentorat",
    "home.intro": "Mentorat accompagne votre programme de mentorat : la convention, une rencontre par mois, "
    "vos objectifs et une clôture soignée, avec des rappels au bon moment.",
    "home.your_conventions": "Vos conventions",
    "home.button.help": "Afficher l'aide",
    "home.button.status": "Voir où j'en suis",
    "home.button.convention": "Relire ma convention",
    "home.button.pair": "Jumeler une paire",
    "home.coordinator": "Vous faites partie de la coordination : jumelez les paires d'ici ou avec "
    "`/mentorat jumeler`.",
    "home.shown": "Je vous ai répondu en message privé.",
    # Reminders
    "nudge.text": "👋 Petit signe de Mentorat : aucune rencontre n'est prévue avec {other} et la dernière "
    "remonte à plus de {days} jours. Prenez quelques minutes pour convenir de la prochaine ; votre convention "
    "prévoit environ une rencontre par mois.",
    "nudge.button": "Planifier la prochaine rencontre",
    "nudge.how": "Écrivez à {other} et choisissez ensemble un moment dans les prochaines semaines ({min} à "
    "{max} minutes). La prise de rendez-vous directement dans Mentorat arrive bientôt ; d'ici là, "
    "`/mentorat statut` vous rappelle où vous en êtes.",
    "cmd.pause": "suspendre vos rappels : `/mentorat pause 2 semaines` (jours, semaines ou mois)",
    "cmd.reprendre": "relancer vos rappels après une pause",
    "pause.set": "⏸️ C'est noté : plus de rappels jusqu'au {until}. Les messages essentiels (une rencontre "
    "le lendemain, un différend) vous parviennent quand même. `/mentorat reprendre` les relance plus tôt.",
    "pause.usage": "Par exemple `/mentorat pause 2 semaines` : en jours, semaines ou mois, trois mois au plus.",
    "pause.resumed": "▶️ Vos rappels reprennent.",
    "pause.not_paused": "Vos rappels n'étaient pas en pause.",
}
