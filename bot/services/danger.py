"""Does a text say that someone intends to harm themself or others?

The convention asks the mentor to alert the authorities in that case; the bot cannot judge, so
it errs on the side of showing the emergency resources and marking the escalation urgent. A
match never blocks anything and is never logged: it only changes what is shown and how fast.
"""

from __future__ import annotations

import re
import unicodedata

# Phrases in French and English, without accents (the text is folded the same way before matching).
_PATTERNS = (
    r"\bsuicid",
    r"\b(me|se|te) (tuer|suicider|faire du mal|blesser|supprimer)\b",
    r"\ben finir\b",
    r"\bmettre fin a (mes|ses|tes) jours\b",
    r"\bplus envie de vivre\b",
    r"\b(le|la|les|lui|leur|vous|te) (tuer|blesser|frapper)\b",
    r"\bfaire du mal a\b",
    r"\b(tuer|abattre) (quelqu'un|des gens|tout le monde)\b",
    r"\bkill (myself|himself|herself|themselves|yourself|him|her|them|someone|somebody|everyone)\b",
    r"\bend (my|his|her|their) life\b",
    r"\b(hurt|harm) (myself|himself|herself|themselves|yourself|him|her|them|someone|somebody|people)\b",
    r"\bself[- ]harm",
    r"\b(don't|do not) want to (live|be alive)\b",
    r"\bwant to die\b",
    r"\bveux mourir\b",
)
_DANGER = re.compile("|".join(_PATTERNS))


def _fold(text: str) -> str:
    """Lower case, accents removed, typographic apostrophes made plain."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def mentions_danger(text: str) -> bool:
    return bool(_DANGER.search(_fold(text)))
