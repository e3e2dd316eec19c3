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
    "error.stale_button": "Ce bouton ne correspond plus à rien que je connaisse : écrivez `/mentorat aide` pour repartir.",
    "error.no_access": "Vous n'avez pas accès à cet élément : rien n'a changé.",
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
    # Reminders
    "nudge.text": "👋 Petit signe de Mentorat : aucune rencontre n'est prévue avec {other} et la dernière "
    "remonte à plus de {days} jours. Prenez quelques minutes pour convenir de la prochaine ; votre convention "
    "prévoit environ une rencontre par mois.",
    "nudge.button": "Planifier la prochaine rencontre",
    "cmd.pause": "suspendre vos rappels : `/mentorat pause 2 semaines` (jours, semaines ou mois)",
    "cmd.reprendre": "relancer vos rappels après une pause",
    "pause.set": "⏸️ C'est noté : plus de rappels jusqu'au {until}. Les messages essentiels (une rencontre "
    "le lendemain, un différend) vous parviennent quand même. `/mentorat reprendre` les relance plus tôt.",
    "pause.usage": "Par exemple `/mentorat pause 2 semaines` : en jours, semaines ou mois, trois mois au plus.",
    "pause.resumed": "▶️ Vos rappels reprennent.",
    "pause.not_paused": "Vos rappels n'étaient pas en pause.",
    # Meetings
    "cmd.prochaine-rencontre": "proposer la date de votre prochaine rencontre, ou voir celle qui est prévue "
    "(la déplacer, l'annuler)",
    "cmd.ordre-du-jour": "personne mentorée : envoyer à votre mentor les sujets de la prochaine rencontre "
    "(`/mentorat ordre-du-jour <sujets>` ou le formulaire) ; mentor : les relire",
    "cmd.notes": "vos notes privées : `/mentorat notes` pour les relire, `/mentorat notes <texte>` pour en ajouter une",
    "modal.refused.title": "Rien n'a été enregistré",
    "modal.refused.back": "Revenir au formulaire",
    "modal.cancel": "Fermer",
    "meeting.modal.title.new": "Prochaine rencontre",
    "meeting.modal.title.counter": "Autre moment",
    "meeting.modal.title.move": "Déplacer la rencontre",
    "meeting.modal.submit.new": "Envoyer la proposition",
    "meeting.modal.submit.counter": "Proposer ce moment",
    "meeting.modal.submit.move": "Proposer ce moment",
    "meeting.modal.intro.new": "Choisissez un moment. {other} le verra à sa propre heure et pourra le confirmer "
    "ou en suggérer un autre.",
    "meeting.modal.intro.counter": "Suggérez un autre moment à {other}. Le formulaire reprend sa proposition : "
    "changez ce qui ne vous convient pas.",
    "meeting.modal.intro.move": "Choisissez le nouveau moment et expliquez à {other} pourquoi la rencontre doit "
    "changer. L'ancien moment est libéré dès l'envoi.",
    "meeting.modal.date": "Date",
    "meeting.modal.time": "Heure ({zone})",
    "meeting.modal.duration": "Durée",
    "meeting.modal.mode": "Format",
    "meeting.modal.location": "Lieu ou lien de visioconférence",
    "meeting.modal.location_hint": "Une adresse ou une salle en personne, un lien https:// pour la vidéo, un "
    "numéro pour le téléphone.",
    "meeting.modal.agenda": "Sujets à aborder (facultatif)",
    "meeting.modal.agenda_hint": "Joints à la proposition. Vous pourrez les compléter plus tard avec "
    "/mentorat ordre-du-jour.",
    "meeting.modal.reason": "Raison",
    "meeting.modal.reason_hint": "Elle est montrée à {other} et à personne d'autre.",
    "meeting.modal.footer": "La convention prévoit une rencontre par mois environ. Seuls vous et {other} voyez "
    "vos rencontres.",
    "meeting.mode.in_person": "En personne",
    "meeting.mode.video": "Vidéo",
    "meeting.mode.phone": "Téléphone",
    "meeting.minutes": "{minutes} minutes",
    "meeting.fact.when": "Quand",
    "meeting.fact.duration": "Durée",
    "meeting.fact.mode": "Format",
    "meeting.fact.link": "Lien",
    "meeting.fact.place": "Lieu",
    "meeting.agenda.title": "Ordre du jour",
    "meeting.reason.title": "Raison",
    "meeting.zone_note": "Heures affichées dans votre fuseau horaire ({zone}).",
    "meeting.proposal.new": "📅 {person} vous propose une rencontre.",
    "meeting.proposal.counter": "📅 {person} suggère un autre moment pour votre rencontre.",
    "meeting.proposal.moved": "📅 {person} doit déplacer la rencontre prévue {old} et propose un nouveau moment.",
    "meeting.proposal.sent": "📨 Proposition envoyée à {other} : {when}. Je vous écris dès qu'une réponse arrive.",
    "meeting.button.confirm": "Confirmer",
    "meeting.button.counter": "Proposer un autre moment",
    "meeting.button.ics": "Recevoir l'invitation (.ics)",
    "meeting.button.move": "Déplacer",
    "meeting.button.cancel": "Annuler la rencontre",
    "meeting.button.plan": "Proposer une nouvelle date",
    "meeting.button.plan_next": "Planifier la prochaine rencontre",
    "meeting.closed.confirmed": "✅ Vous avez confirmé la rencontre : {when}. La confirmation et l'invitation "
    "suivent.",
    "meeting.closed.already": "✅ Cette rencontre était déjà confirmée : {when}.",
    "meeting.closed.replaced": "↪️ Proposition remplacée par une plus récente (c'était : {when}).",
    "meeting.confirmed": "✅ Rencontre confirmée avec {other} : {when}.",
    "meeting.confirmed.agenda_hint": "D'ici là, envoyez vos sujets à {other} avec `/mentorat ordre-du-jour` : "
    "cela l'aide à se préparer.",
    "meeting.confirmed.context": "Un empêchement ? « Déplacer » ou « Annuler la rencontre » demandent la raison et "
    "préviennent l'autre personne.",
    "meeting.ics.summary": "Mentorat avec {other}",
    "meeting.ics.description": "Rencontre de mentorat ({mode}), planifiée avec Mentorat.",
    "meeting.ics.title": "Invitation pour votre agenda",
    "meeting.cancel.title": "Annuler la rencontre",
    "meeting.cancel.submit": "Annuler la rencontre",
    "meeting.cancel.keep": "Garder la rencontre",
    "meeting.cancel.intro": "La rencontre prévue {when} avec {other} sera annulée et ses rappels arrêtés. La "
    "convention demande de n'annuler qu'en cas de nécessité : dites pourquoi.",
    "meeting.cancelled.you": "Vous avez annulé la rencontre prévue {when} ; {other} est prévenu·e. Proposez une "
    "nouvelle date dès que possible.",
    "meeting.cancelled.other": "❌ {person} a dû annuler la rencontre prévue {when}. Choisissez ensemble une "
    "nouvelle date.",
    "meeting.tomorrow": "⏰ Votre rencontre avec {other} approche : {when}.",
    "meeting.not_yours": "Cette rencontre concerne d'autres personnes : vous ne pouvez pas y répondre. Rien n'a "
    "changé.",
    "meeting.no_convention": "Vous n'avez pas de convention en cours : les rencontres se planifient une fois la "
    "convention acceptée par les deux personnes.",
    "meeting.not_signed": "La convention n'est pas encore acceptée des deux côtés ; les rencontres se planifient "
    "ensuite (`/mentorat convention`).",
    "meeting.convention_over": "Cette convention est terminée : il n'y a plus de rencontre à planifier.",
    "meeting.proposal_gone": "Cette proposition n'est plus d'actualité (remplacée, confirmée ou retirée). "
    "`/mentorat prochaine-rencontre` montre où vous en êtes.",
    "meeting.own_proposal": "C'est votre propre proposition : l'autre personne doit la confirmer.",
    "meeting.proposal_past": "Ce moment est déjà passé : proposez-en un autre.",
    "meeting.not_confirmed": "Cette rencontre n'est plus confirmée (déplacée, annulée ou passée). "
    "`/mentorat prochaine-rencontre` montre où vous en êtes.",
    "meeting.already_started": "Cette rencontre a déjà commencé : elle ne peut plus être déplacée ni annulée.",
    "meeting.not_yet": "La rencontre n'a pas encore eu lieu : vous pourrez répondre ensuite.",
    "error.meeting.date_missing": "Choisissez une date.",
    "error.meeting.time_missing": "Choisissez une heure.",
    "error.meeting.past": "Ce moment est déjà passé : choisissez une date et une heure à venir.",
    "error.meeting.outside": "Choisissez une date pendant la convention, du {start} au {end}.",
    "error.meeting.duration": "La durée va de {min} à {max} minutes.",
    "error.meeting.mode": "Choisissez un format : en personne, vidéo ou téléphone.",
    "error.meeting.link": "« {value} » n'est pas un lien : pour la vidéo, collez l'adresse complète, qui commence "
    "par https://",
    "error.meeting.location_long": "Le lieu tient en {limit} caractères au plus.",
    "error.meeting.agenda_long": "L'ordre du jour tient en {limit} caractères au plus.",
    "error.meeting.overlap": "Vous avez déjà une rencontre confirmée à ce moment-là ({when}) : choisissez un autre "
    "horaire.",
    "error.meeting.reason_missing": "Dites en quelques mots pourquoi : l'autre personne le lira.",
    "error.meeting.reason_long": "La raison tient en {limit} caractères au plus.",
    # Agenda
    "agenda.request": "📝 Votre rencontre avec {other} a lieu {when}. Quels sujets voulez-vous aborder ? "
    "Envoyez-les d'avance : {other} pourra se préparer.",
    "agenda.button.write": "Écrire l'ordre du jour",
    "agenda.modal.title": "Ordre du jour",
    "agenda.modal.submit": "Envoyer au mentor",
    "agenda.modal.label": "Sujets à aborder",
    "agenda.modal.hint": "{mentor} le recevra tel quel. Vous pourrez en renvoyer une version modifiée.",
    "agenda.modal.about_meeting": "Pour la rencontre prévue {when} avec {mentor}.",
    "agenda.modal.about_next": "Aucune rencontre n'est encore fixée : {mentor} reçoit vos sujets dès maintenant, "
    "et ils seront joints à votre prochaine proposition de rencontre.",
    "agenda.sent.meeting": "📨 Ordre du jour envoyé à {mentor} pour la rencontre prévue {when}.",
    "agenda.sent.next": "📨 Ordre du jour envoyé à {mentor} ; il sera joint à votre prochaine rencontre.",
    "agenda.shared.meeting": "📝 {person} a préparé l'ordre du jour de la rencontre prévue {when}.",
    "agenda.shared.next": "📝 {person} a préparé l'ordre du jour de votre prochaine rencontre.",
    "agenda.mentor_view": "📝 Ordre du jour préparé par {person} :\n{agenda}",
    "agenda.mentor_none": "{person} n'a pas encore envoyé d'ordre du jour ; vous le recevrez ici dès qu'il arrive.",
    "agenda.mentee_only": "C'est la personne mentorée qui prépare l'ordre du jour ; comme mentor, vous le recevez "
    "ici et `/mentorat ordre-du-jour` vous montre le dernier.",
    "error.agenda.empty": "Écrivez au moins un sujet.",
    # Check-in
    "checkin.question": "La rencontre avec {other} ({when}) a-t-elle eu lieu ?",
    "checkin.button.held": "Oui",
    "checkin.button.postponed": "Reportée",
    "checkin.button.missed": "Non",
    "checkin.thanks.held": "Merci, c'est noté : la rencontre de {when} a eu lieu. Pendant que c'est frais, fixez "
    "la suivante avec {other}, comme le prévoit la convention, et gardez une note de ce que vous retenez.",
    "checkin.thanks.postponed": "C'est noté : la rencontre de {when} est reportée. Proposez une nouvelle date à "
    "{other}.",
    "checkin.thanks.missed": "C'est noté : la rencontre de {when} n'a pas eu lieu. Proposez une nouvelle date à "
    "{other}.",
    "checkin.told.held": "✅ {person} indique que votre rencontre de {when} a eu lieu. Pensez à fixer la suivante "
    "ensemble.",
    "checkin.told.postponed": "↪️ {person} indique que la rencontre de {when} est reportée. Choisissez ensemble "
    "une nouvelle date.",
    "checkin.told.missed": "{person} indique que la rencontre de {when} n'a pas eu lieu. Choisissez ensemble une "
    "nouvelle date.",
    "checkin.already": "{person} avait déjà répondu : {answer}.",
    "checkin.you": "Vous",
    "checkin.answer.held": "elle a eu lieu",
    "checkin.answer.postponed": "elle est reportée",
    "checkin.answer.missed": "elle n'a pas eu lieu",
    "checkin.closed": "Réponse déjà donnée pour la rencontre de {when}.",
    # Notes
    "note.button.write": "Écrire une note privée",
    "note.button.new": "Nouvelle note",
    "note.modal.title": "Note privée",
    "note.modal.submit": "Enregistrer",
    "note.modal.label": "Votre note",
    "note.modal.share_label": "Partage",
    "note.modal.share": "Partager cette note avec {other}",
    "note.modal.about": "Vous seul·e lirez cette note, sauf si vous cochez le partage.",
    "note.modal.about_meeting": "Note sur la rencontre de {when}. Vous seul·e la lirez, sauf si vous cochez le "
    "partage.",
    "note.saved.private": "🔒 Note enregistrée ; vous seul·e pouvez la lire (`/mentorat notes`).",
    "note.saved.shared": "📨 Note enregistrée et partagée avec {other}.",
    "note.shared": "🗒️ {person} a partagé une note avec vous :",
    "note.list.title": "Vos notes",
    "note.list.empty": "Aucune note pour l'instant.",
    "note.list.mine_private": "🔒 Vous, {when} (privée)",
    "note.list.mine_shared": "📨 Vous, {when} (partagée avec {other})",
    "note.list.from_other": "🗒️ {other}, {when} (partagée avec vous)",
    "error.note.empty": "La note est vide.",
    "error.note.long": "Une note tient en {limit} caractères au plus.",
    "status.meeting.next": "Prochaine rencontre : {when}",
    "status.meeting.proposed": "Rencontre proposée, en attente de réponse : {when}",
    "status.meeting.none": "Aucune rencontre fixée : `/mentorat prochaine-rencontre`",
    "home.button.meeting": "Planifier la prochaine rencontre",
    "home.button.agenda": "Écrire l'ordre du jour",
    "home.button.notes": "Mes notes",
    # Objectives
    "cmd.objectifs": "vos objectifs et leur progression ; en ajouter, les mettre à jour, (mentor) donner un retour",
    "objective.list.title": "Vos objectifs",
    "objective.list.empty": "Aucun objectif pour l'instant. Fixez-en ensemble, avec {other}, à court et à long "
    "terme.",
    "objective.list.more": "… et {count} de plus.",
    "objective.horizon.short": "Court terme",
    "objective.horizon.long": "Long terme",
    "objective.status.todo": "À faire",
    "objective.status.in_progress": "En cours",
    "objective.status.reached": "Atteint",
    "objective.status.dropped": "Abandonné",
    "objective.due": "échéance {day}",
    "objective.success": "Réussi quand :",
    "objective.button.show": "Voir les objectifs",
    "objective.button.add": "Ajouter un objectif",
    "objective.button.update": "Mettre à jour",
    "objective.button.history": "Historique",
    "objective.button.feedback": "Donner un retour",
    "objective.add.title": "Nouvel objectif",
    "objective.add.submit": "Ajouter",
    "objective.add.intro": "Un objectif que vous vous donnez ensemble ; {other} en sera informé·e.",
    "objective.add.name": "Objectif",
    "objective.add.description": "Description (facultatif)",
    "objective.add.horizon": "Horizon",
    "objective.add.due": "Échéance (facultatif)",
    "objective.add.success": "Comment saurez-vous qu'il est atteint ? (facultatif)",
    "objective.add.success_hint": "Un signe concret : un résultat, une action faite, un retour reçu.",
    "objective.update.title": "Mettre à jour",
    "objective.update.submit": "Enregistrer",
    "objective.update.status": "État",
    "objective.update.progress": "Progression",
    "objective.update.comment": "Commentaire (facultatif)",
    "objective.feedback.title": "Retour du mentor",
    "objective.feedback.submit": "Envoyer",
    "objective.feedback.label": "Votre retour",
    "objective.history.title": "Historique",
    "objective.history.empty": "Rien encore.",
    "objective.history.created": "{when} : créé par {who}",
    "objective.history.updated": "{when} : {who} → {status}, {progress} %",
    "objective.history.feedback": "{when} : retour de {who}",
    "objective.added": "🎯 Objectif ajouté.",
    "objective.updated": "🎯 Objectif mis à jour.",
    "objective.feedback_sent": "💬 Retour envoyé.",
    "objective.news.title": "🎯 Du nouveau dans vos objectifs, de la part de {person} ({count}) :",
    "objective.news.created": "« {title} » : nouvel objectif",
    "objective.news.updated": "« {title} » : {status}, {progress} %",
    "objective.news.feedback": "« {title} » : un retour",
    "objective.review.title": "🧭 Mois {month} sur {months} de votre convention avec {other} : prenez un moment "
    "ensemble pour revoir vos objectifs. Où en êtes-vous, que faut-il ajuster ?",
    "objective.review.none": "Vous n'avez encore noté aucun objectif : c'est le moment d'en fixer ensemble.",
    "objective.not_yours": "Cet objectif concerne d'autres personnes.",
    "objective.mentor_only": "Seul le mentor donne un retour sur un objectif ; vous pouvez le mettre à jour.",
    "error.objective.title_missing": "Donnez un nom à l'objectif.",
    "error.objective.too_long": "Ce champ tient en {limit} caractères au plus.",
    "error.objective.horizon": "Choisissez court ou long terme.",
    "error.objective.due_past": "L'échéance est déjà passée : choisissez une date à venir.",
    "error.objective.status": "Choisissez un état.",
    "error.objective.progress": "Choisissez une progression entre 0 et 100 %.",
    "error.objective.feedback_missing": "Écrivez votre retour.",
    "home.objectives": "Objectifs",
    "home.notes": "Notes récentes (visibles par vous)",
    # --- différends, early ends, reports, bulk pairing ---
    "cmd.differend": "signaler un désaccord avec votre mentor ou votre personne mentorée à la coordination "
    "(le texte reste entre vous et la coordination)",
    "cmd.fin-hative": "demander à mettre fin à la convention avant la date prévue ; la coordination en parle "
    "d'abord avec vous deux",
    "cmd.rapport": "les chiffres du programme : paires, rencontres, objectifs, satisfaction, paires à risque "
    "(graphique et CSV)",
    "cmd.importer": "jumeler plusieurs paires d'un coup à partir d'un fichier CSV",
    "dispute.kind.differend": "différend",
    "dispute.kind.early_end": "demande de fin hâtive",
    "differend.modal.title": "Signaler un différend",
    "differend.modal.intro": "La convention prévoit de chercher d'abord une solution à deux, puis d'en parler "
    "à la coordination si le désaccord persiste. Ce que vous écrivez ici est lu par la coordination "
    "seulement : {other} ne le verra pas.",
    "differend.modal.summary": "Que se passe-t-il ?",
    "differend.modal.summary_hint": "Quelques phrases suffisent. La coordination vous contactera.",
    "differend.modal.amicable": "Avez-vous déjà cherché une solution ensemble ?",
    "differend.modal.amicable_yes": "Oui, nous en avons parlé sans trouver de solution",
    "differend.modal.amicable_no": "Pas encore",
    "differend.modal.go_on_label": "Si vous n'avez pas encore essayé",
    "differend.modal.go_on": "Je préfère quand même en parler à la coordination maintenant",
    "differend.modal.urgency": "À quel point est-ce urgent ?",
    "differend.modal.submit": "Envoyer",
    "differend.modal.resources": "Si quelqu'un est en danger, appelez le 911. En détresse, vous pouvez "
    "appeler ou texter le 988, jour et nuit.",
    "dispute.urgency.low": "Peu urgent",
    "dispute.urgency.normal": "À traiter bientôt",
    "dispute.urgency.urgent": "Urgent",
    "dispute.amicable.yes": "oui",
    "dispute.amicable.no": "pas encore",
    "dispute.try_first": "La convention demande d'abord de chercher une solution à deux : un échange franc "
    "règle souvent beaucoup. Si ce n'est pas possible, cochez « en parler quand même » ci-dessous.",
    "early_end.modal.title": "Fin hâtive",
    "early_end.modal.intro": "Vous pouvez mettre fin à la convention avec {other} avant la date prévue. La "
    "convention demande d'en parler d'abord avec la coordination : elle reste en vigueur jusqu'à ce "
    "qu'une personne de la coordination en ait discuté avec vous deux et confirme la fin.",
    "early_end.modal.reason": "Pour quelles raisons ?",
    "early_end.modal.reason_hint": "Lu par la coordination seulement.",
    "early_end.modal.submit": "Envoyer la demande",
    "differend.sent": "📨 Votre différend a été transmis à la coordination ({names}) le {when}. Je vous dirai "
    "qui s'en occupe. Votre partenaire n'a pas accès à ce que vous avez écrit.",
    "early_end.sent": "📨 Votre demande de fin hâtive a été transmise à la coordination ({names}) le {when}. "
    "La convention reste en vigueur d'ici là : la coordination en parlera avec vous deux avant de "
    "confirmer la fin.",
    "differend.coordinator": "⚖️ {person} ({role}) signale un différend et demande l'aide de la coordination.",
    "early_end.coordinator": "🚪 {person} ({role}) demande de mettre fin à la convention avant la date "
    "prévue. Elle reste en vigueur jusqu'à ce que vous ayez parlé avec les deux et confirmé la fin.",
    "dispute.escalated.1": "⏰ Rappel : ce {kind} de {person}, signalé le {when}, n'a encore été pris en "
    "charge par personne.",
    "dispute.escalated.2": "⏰ Personne de la coordination n'a pris en charge ce {kind} de {person}, signalé "
    "le {when}. Vous êtes la personne de recours : pouvez-vous vous en occuper ?",
    "dispute.fact.pair": "Paire",
    "dispute.fact.raised_by": "Signalé par",
    "dispute.fact.when": "Quand",
    "dispute.fact.urgency": "Urgence",
    "dispute.fact.amicable": "Solution à l'amiable tentée",
    "dispute.fact.taken": "Pris en charge",
    "dispute.taken_by": "par {person}, le {when}",
    "differend.summary_title": "Ce qui se passe",
    "early_end.summary_title": "Les raisons",
    "dispute.private_note": "🔒 Pour la coordination seulement : l'autre personne de la paire ne voit pas ce "
    "texte. Ne le transférez pas.",
    "dispute.button.take": "Je m'en occupe",
    "dispute.button.meet": "Planifier une rencontre",
    "dispute.button.resolve": "Résolu",
    "early_end.button.confirm": "Confirmer la fin",
    "early_end.button.withdraw": "Retirer ma demande",
    "differend.taken": "🤝 {person} s'occupe de votre différend depuis le {when}.",
    "early_end.taken": "🤝 {person} s'occupe de votre demande de fin hâtive depuis le {when} et en parlera "
    "avec vous deux.",
    "dispute.meeting": "📅 {person}, de la coordination du programme, aimerait vous rencontrer, {other} et "
    "vous, au sujet de votre convention. Cette personne vous écrira pour fixer un moment.",
    "differend.resolved": "✅ {person} a marqué votre différend comme résolu le {when}. Merci d'avoir pris le "
    "temps d'en parler.",
    "early_end.confirmed": "Votre convention avec {other} prend fin aujourd'hui, avant la date prévue, comme "
    "{person} l'a confirmé avec vous. Les rappels s'arrêtent. Merci pour le chemin parcouru ensemble.",
    "differend.withdrawn": "{person} a retiré son différend ({mentor} / {mentee}).",
    "early_end.withdrawn": "{person} a retiré sa demande de fin hâtive : la convention de {mentor} et "
    "{mentee} continue.",
    "early_end.withdrawn.you": "C'est noté : votre demande est retirée et la convention continue.",
    "differend.closed.resolved": "✅ Différend résolu par {person} le {when}.",
    "differend.closed.withdrawn": "Ce différend a été retiré le {when}.",
    "early_end.closed.resolved": "✅ Fin hâtive confirmée par {person} le {when} : la convention est terminée.",
    "early_end.closed.withdrawn": "Cette demande de fin hâtive a été retirée le {when}.",
    "dispute.taken.you": "C'est noté : vous vous en occupez. {person} le sait.",
    "dispute.already_taken": "{person} s'en occupe déjà depuis le {when}.",
    "dispute.meeting.sent": "📅 Les deux personnes de la paire savent que vous allez leur proposer une "
    "rencontre ; écrivez-leur pour fixer le moment.",
    "dispute.already_closed": "Ce dossier est déjà fermé : rien n'a changé.",
    "dispute.not_yours": "Cette demande concerne d'autres personnes.",
    "dispute.no_convention": "Vous n'avez pas de convention en cours : il n'y a rien à signaler pour "
    "l'instant.",
    "dispute.convention_not_running": "Cette convention n'est pas en cours.",
    "dispute.gone": "Ce dossier n'existe plus.",
    "dispute.own_pair": "Ce dossier concerne votre propre paire : une autre personne de la coordination doit "
    "s'en occuper.",
    "dispute.not_raiser": "Seule la personne qui a fait la demande peut la retirer.",
    "error.dispute.summary": "Décrivez la situation en quelques mots.",
    "error.dispute.too_long": "Ce texte tient en {limit} caractères au plus.",
    "error.dispute.urgency": "Choisissez le degré d'urgence.",
    "error.dispute.amicable": "Dites-nous si vous avez déjà cherché une solution ensemble.",
    "error.differend.already_open": "Vous avez déjà un différend en cours pour cette convention (signalé le "
    "{when}) : la coordination s'en occupe.",
    "error.early_end.already_open": "Une demande de fin hâtive est déjà en cours pour cette convention "
    "(depuis le {when}).",
    "danger.title": "Si quelqu'un est en danger",
    "danger.body": "• Danger immédiat, pour vous ou pour quelqu'un d'autre : appelez le *911* (Canada et "
    "États-Unis).\n• Pour parler tout de suite à une personne formée, en cas de détresse ou d'idées "
    "suicidaires : appelez ou textez le *988*, jour et nuit, gratuitement.",
    "danger.raiser": "Ce que vous avez écrit laisse penser que quelqu'un pourrait être en danger. Vous "
    "n'avez pas à porter cela seul·e : la coordination a été prévenue en priorité, et de l'aide existe "
    "dès maintenant.",
    "danger.coordinator": "⚠️ Ce texte laisse penser qu'une personne pourrait vouloir se faire du mal ou en "
    "faire à d'autres. Prenez contact sans attendre ; en cas de danger immédiat, appelez le 911.",
    # Programme figures
    "report.title": "📊 Programme « {programme} » : les chiffres au {day}",
    "report.active": "*Paires en cours* : {count}",
    "report.meetings": "*Rencontres tenues* : {held} sur {expected} attendues ({percent} %)",
    "report.meetings.none_expected": "*Rencontres tenues* : {held} (aucune n'est encore attendue)",
    "report.objectives": "*Objectifs* : {set} fixés, {reached} atteints",
    "report.satisfaction": "*Satisfaction moyenne* : {overall} / 5 (mentors {mentors}, personnes mentorées "
    "{mentees} ; {answers} bilans)",
    "report.satisfaction.none": "*Satisfaction* : aucun bilan pour l'instant",
    "report.disputes": "*Différends* : {open} en cours, {resolved} résolus · *Fins hâtives* : {early_open} "
    "demandées, {early_done} confirmées",
    "report.at_risk.title": "⚠️ *Paires à risque* ({count})",
    "report.at_risk.none": "✅ Aucune paire à risque.",
    "report.at_risk.line": "• {mentor} / {mentee} : {reasons}",
    "report.risk.no_meeting": "aucune rencontre depuis {days} jours",
    "report.risk.nudges": "{count} relances restées sans suite",
    "report.risk.unsigned": "convention non signée depuis {days} jours",
    "report.pairs.title": "*Par paire*",
    "report.pair.line": "• {mentor} / {mentee} : {status} · rencontres {held}/{expected} · objectifs "
    "{reached}/{set}",
    "report.pairs.more": "… et {count} autres paires dans le fichier CSV.",
    "report.empty": "Aucune convention dans ce programme pour l'instant.",
    "report.private": "🔒 Des chiffres seulement : ni notes, ni bilans, ni textes des différends.",
    "report.files": "Le graphique et le fichier CSV suivent.",
    "report.chart.title": "Rencontres tenues et attendues, par paire",
    "report.chart.held": "Tenues",
    "report.chart.expected": "Attendues",
    "report.chart.file_title": "Rencontres par paire",
    "report.csv.file_title": "Chiffres du programme (CSV)",
    "report.csv.columns": "programme,mentor,mentoré,état,début,fin prévue,rencontres tenues,rencontres "
    "attendues,objectifs fixés,objectifs atteints,satisfaction mentor,satisfaction mentoré,différends en "
    "cours,différends résolus,à risque",
    "report.sent": "📊 Le rapport vous a été envoyé en message privé.",
    "home.coord.title": "*Coordination : le programme en un coup d'œil*",
    "home.button.report": "Recevoir le rapport complet",
    "home.button.import": "Importer des paires (CSV)",
    "digest.title": "🗓️ Le point du mois sur le programme « {programme} »",
    "digest.at_risk": "{count} paires demandent votre attention :",
    # Bulk pairing
    "import.modal.title": "Importer des paires",
    "import.modal.intro": "Une ligne par paire : `mentor,mentore,debut`. Le mentor et la personne mentorée "
    "sont des identifiants de membre Slack (profil > ⋮ > Copier l'identifiant de membre) ; la date de "
    "début (AAAA-MM-JJ) est facultative.",
    "import.modal.file": "Fichier CSV",
    "import.modal.paste": "Ou collez les lignes ici",
    "import.modal.submit": "Importer",
    "import.done": "📥 Import : {created} conventions créées et envoyées, {existing} existaient déjà, {bad} "
    "lignes refusées.",
    "import.bad_line": "• Ligne {line} : {reason}",
    "import.reason.columns": "il faut un mentor et une personne mentorée",
    "import.reason.person": "« {value} » n'est pas un identifiant de membre Slack (U012ABCDEF)",
    "import.reason.unknown": "{name} est introuvable dans l'espace de travail",
    "import.reason.duplicate": "{name} figure déjà plus haut dans le fichier",
    "error.import.nothing": "Choisissez un fichier CSV ou collez les lignes.",
    "error.import.empty": "Le fichier ne contient aucune paire.",
    "error.import.header": "La première ligne doit nommer les colonnes : mentor,mentore,debut.",
    "error.import.too_many": "{limit} lignes au plus par import : coupez le fichier en plusieurs.",
    "error.import.file": "Je n'ai pas pu lire ce fichier ; collez-en plutôt les lignes.",
    "error.import.encoding": "Ce fichier n'est pas en UTF-8 : enregistrez-le en « CSV UTF-8 ».",
}
