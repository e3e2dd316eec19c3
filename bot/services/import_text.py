"""What an import of pairs reports, with each count in its plural form (Slack and Teams alike)."""

from __future__ import annotations

from bot.i18n import t, tn
from bot.services.pair_import import ImportResult


def import_done(lang: str, result: ImportResult) -> str:
    if result.profiles:
        return t(lang, "import.done.profiles",
                 enrolled=tn(lang, "import.done.enrolled", "import.done.enrolled.plural", len(result.enrolled)),
                 updated=tn(lang, "import.done.updated", "import.done.updated.plural", len(result.updated)),
                 bad=tn(lang, "import.done.bad", "import.done.bad.plural", len(result.bad)))
    # Translators: {created}, {existing} and {bad} are the import.done.* counts, each already in its plural.
    return t(lang, "import.done",
             created=tn(lang, "import.done.created", "import.done.created.plural", len(result.created)),
             existing=tn(lang, "import.done.existing", "import.done.existing.plural", len(result.existing)),
             bad=tn(lang, "import.done.bad", "import.done.bad.plural", len(result.bad)))

