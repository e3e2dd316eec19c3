"""Help, status, language and pauses on Teams: `mentorat aide`, `statut`, `langue`, `pause`, `reprendre`."""

from __future__ import annotations

from bot.i18n import t
from bot.notify import Message, Rich, Section, Text
from bot.services.overview import help_footer, help_separator, status_lines
from bot.usecases import overview, preferences
from handlers.teams.deps import Handler, Reply, TeamsRequest, message_reply, say, text_reply


def help_replies(req: TeamsRequest, *, preface_key: str | None = None, **preface: object) -> list[Reply]:
    with req.acting() as (session, actor):
        lang = actor.lang
        shown = overview.help_view(session, actor, req.deps.rule, preface_key, **preface)
        separator = help_separator(lang)
        commands = "\n".join(f"- **mentorat {cmd.name}**{separator}{t(lang, cmd.help_key)}" for cmd in shown.commands)
        lead: list[Text] = [t(lang, "help.title"), *shown.roles]
        if shown.preface:
            lead.insert(0, shown.preface.replace("\n", "\n\n"))
        message = Message(text=Rich.join("\n\n", lead), sections=(Section(None, commands),),
                          context=help_footer(lang, shown.coordinators), buttons=shown.buttons, headline=False)
        return [message_reply(message)]


def show_help(req: TeamsRequest) -> list[Reply]:
    return help_replies(req)


def show_status(req: TeamsRequest) -> list[Reply]:
    with req.acting() as (session, actor):
        infos = overview.statuses(session, actor, actor.today(req.deps))
        if not infos:
            return [say(actor.lang, "status.none")]
        return [message_reply(Message(text=Rich.join("\n\n", status_lines(actor.lang, actor.tz, info)),
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
