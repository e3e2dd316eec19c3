"""Help, status, language and pauses on Teams: `mentorat aide`, `statut`, `langue`, `pause`, `reprendre`."""

from __future__ import annotations

from bot.commands import visible_for
from bot.i18n import N_, t
from bot.i18n.dates import format_moment
from bot.notify import Message, Section
from bot.services import conventions, people, reminders
from bot.services.overview import help_footer, help_preface, help_separator, role_lines, status_lines
from bot.services.roles import coordinator_names
from handlers.teams.deps import Handler, Reply, TeamsRequest, message_reply, resolve_actor, say
from storage.db import session_scope


def help_replies(req: TeamsRequest, *, preface_key: str | None = None, **preface: object) -> list[Reply]:
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.incoming)
        lang = actor.lang
        separator = help_separator(lang)
        commands = "\n".join(f"- **mentorat {cmd.name}**{separator}{t(lang, cmd.help_key)}"
                             for cmd in visible_for(actor.roles))
        lead = [t(lang, "help.title"), *role_lines(session, actor)]
        if preface_key:
            lead.insert(0, help_preface(lang, preface_key, **preface).replace("\n", "\n\n"))
        footer = help_footer(lang, coordinator_names(session, actor.programme, req.deps.rule))
        message = Message(text="\n\n".join(lead), sections=(Section(None, commands),), context=footer,
                          headline=False)
        return [message_reply(session, actor, message)]


def show_help(req: TeamsRequest) -> list[Reply]:
    return help_replies(req)


def show_status(req: TeamsRequest) -> list[Reply]:
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.incoming)
        today = actor.today(req.deps)
        infos = [conventions.status_of(session, c, actor.person, today)
                 for c in conventions.conventions_of(session, actor.person)]
        if not infos:
            return [say(actor.lang, "status.none")]
        return [message_reply(session, actor, Message(text="\n\n".join(status_lines(actor.lang, actor.tz, info)),
                                                       headline=False))
                for info in infos]


def set_language(req: TeamsRequest) -> list[Reply]:
    choice = req.args.strip().lower()
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.incoming)
        if choice not in ("fr", "en", "français", "francais", "english", "anglais"):
            return [say(actor.lang, "lang.usage")]
        lang = "fr" if choice.startswith("fr") else "en"
        people.set_language(actor.person, lang)
    return [say(lang, "lang.set")]


def pause(req: TeamsRequest) -> list[Reply]:
    now = req.deps.clock.now()
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.incoming)
        until = reminders.pause(actor.person, reminders.parse_pause(req.args), now)
        return [say(actor.lang, "pause.set", until=format_moment(until, actor.tz, actor.lang))]


def resume(req: TeamsRequest) -> list[Reply]:
    with session_scope(req.deps.session_factory) as session:
        actor = resolve_actor(session, req.deps, req.incoming)
        was_paused = reminders.resume(actor.person, req.deps.clock.now())
        return [say(actor.lang, N_("pause.resumed") if was_paused else N_("pause.not_paused"))]


COMMANDS: dict[str, Handler] = {
    "aide": show_help,
    "statut": show_status,
    "langue": set_language,
    "pause": pause,
    "reprendre": resume,
}
