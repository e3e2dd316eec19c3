"""Textes Teams : bilan, merci, rapport et import (français).

Seul ce qui diffère de Slack est ici ; le reste reprend les textes de fr.py et fr_closure.py.
"""

TEXTS: dict[str, str] = {
    # Le bilan tient dans une carte Teams (28 Ko au plus)
    "teams.closure.bilan.limit": "Chaque réponse tient ici en {limit} caractères.",
    "teams.closure.bilan.more_objectives": "Et {count} autres objectifs, qui ne tiennent pas dans cette carte : "
    "ce que vous en avez déjà noté est conservé.",
    # La direction qui reçoit les rapports finaux (pas de mention @ fiable dans une commande Teams : une carte).
    "teams.closure.sponsor.hint": "Une direction peut recevoir les rapports finaux que les deux personnes d'une paire "
    "acceptent de lui transmettre : écrivez `mentorat bilan direction` pour la désigner.",
    "teams.closure.sponsor.title": "Destinataire des rapports finaux",
    "teams.closure.sponsor.intro": "Actuellement : {name}. Choisissez dans l'annuaire la personne de la direction "
    "à qui j'enverrai les rapports finaux, seulement quand les deux personnes d'une paire l'acceptent, et avec "
    "uniquement ce qu'elles partagent.",
    "teams.closure.sponsor.label": "Personne de la direction",
    "teams.closure.sponsor.submit": "Enregistrer",
    "teams.closure.sponsor.clear": "N'envoyer à personne",
    # Les fichiers deviennent des liens
    "teams.closure.file_unavailable": "Je ne peux pas joindre le fichier pour l'instant (l'adresse publique du "
    "service n'est pas configurée) : demandez-le à la coordination.",
    "teams.closure.files": "Les boutons ci-dessous ouvrent les fichiers : des liens personnels, valables 30 jours.",
    # L'import en masse
    "teams.closure.import.intro": "Une ligne par paire : `mentor,mentore,debut`. Chaque personne est désignée par "
    "son identifiant d'objet Microsoft Entra (colonne « ID d'objet » de la liste des utilisateurs du centre "
    "d'administration Entra, par exemple 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d) ; la date de début (AAAA-MM-JJ) "
    "est facultative. Jusqu'à {limit} caractères par import.",
    "teams.closure.import.paste": "Les lignes du fichier CSV",
    "teams.closure.import.nothing": "Collez les lignes du fichier CSV, une paire par ligne.",
    "teams.closure.import.too_long": "Collez au plus {limit} caractères à la fois : répartissez les paires sur "
    "plusieurs imports.",
    "teams.closure.import.started": "📥 Import lancé : {count} lignes lues. Joindre chaque personne dans Teams prend "
    "un moment ; je vous écris ici dès que le résultat est prêt.",
    "teams.closure.import.person": "« {value} » n'est pas un identifiant d'objet Microsoft Entra",
    "teams.closure.import.email": "« {value} » est une adresse : sans accès supplémentaire à l'annuaire, je ne peux "
    "pas retrouver une personne par son adresse dans Teams. Indiquez plutôt son identifiant d'objet Entra",
    "teams.closure.import.unreachable": "je ne peux pas écrire à {value} dans Teams (Mentorat n'est pas installé "
    "pour cette personne, ou l'identifiant ne correspond à personne de l'organisation)",
    "teams.closure.import.failed": "L'import n'a pas pu aller au bout, de notre côté. Les paires déjà créées sont "
    "conservées ; relancez l'import, rien ne sera créé deux fois.",
}
