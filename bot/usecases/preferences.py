"""A person's own settings, from either platform: the bot's language, pausing and resuming reminders."""

from __future__ import annotations

from datetime import datetime

from bot.actor import Actor
from bot.i18n import N_, t
from bot.i18n.dates import format_moment
from bot.services import people, reminders

# What `langue …` understands, in either language.
LANGUAGE_WORDS = {"fr": "fr", "français": "fr", "francais": "fr", "en": "en", "english": "en", "anglais": "en"}


def choose_language(actor: Actor, typed: str) -> str:
    """`langue fr|en`: the choice is kept and confirmed in the new language; anything else gets the usage."""
    lang = LANGUAGE_WORDS.get(typed.strip().lower())
    if lang is None:
        return t(actor.lang, "lang.usage")
    people.set_language(actor.person, lang)
    return t(lang, "lang.set")


def pause(actor: Actor, typed: str, now: datetime) -> str:
    """`pause [days]`: no reminders until the date said back, in the person's zone."""
    until = reminders.pause(actor.person, reminders.parse_pause(typed), now)
    return t(actor.lang, "pause.set", until=format_moment(until, actor.tz, actor.lang))


def resume(actor: Actor, now: datetime) -> str:
    return t(actor.lang, N_("pause.resumed") if reminders.resume(actor.person, now) else N_("pause.not_paused"))
