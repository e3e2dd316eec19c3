"""Help, status, language and pauses on Teams: `mentorat aide`, `statut`, `langue`, `pause`, `reprendre`."""

from __future__ import annotations

from bot.commands import visible_for
from bot.i18n import t
from bot.notify import Message, Section
from bot.services import conventions
from bot.services.overview import help_footer, help_preface, help_separator, role_lines, status_lines
from bot.services.roles import coordinator_names
from bot.usecases import preferences
from handlers.teams.deps import Handler, Reply, TeamsRequest, message_reply, say, text_reply


def help_replies(req: TeamsRequest, *, preface_key: str | None = None, **preface: object) -> list[Reply]:
    with req.acting() as (session, actor):
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
    with req.acting() as (session, actor):
        today = actor.today(req.deps)
        infos = [conventions.status_of(session, c, actor.person, today)
                 for c in conventions.conventions_of(session, actor.person)]
        if not infos:
            return [say(actor.lang, "status.none")]
        return [message_reply(session, actor, Message(text="\n\n".join(status_lines(actor.lang, actor.tz, info)),
                                                       headline=False))
                for info in infos]


def set_language(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (_session, actor):
        return [text_reply(preferences.choose_language(actor, req.args))]


def pause(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (_session, actor):
        return [text_reply(preferences.pause(actor, req.args, req.deps.clock.now()))]


def resume(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (_session, actor):
        return [text_reply(preferences.resume(actor, req.deps.clock.now()))]


COMMANDS: dict[str, Handler] = {
    "aide": show_help,
    "statut": show_status,
    "langue": set_language,
    "pause": pause,
    "reprendre": resume,
}
