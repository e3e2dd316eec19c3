"""Neutral sentences as data: the catalogue's markup becomes runs, what fills a placeholder never does,
and each platform renders the runs its own way."""

from __future__ import annotations

from bot.i18n.rich import rich
from bot.notify import Command, Mention, Rich, Strong
from handlers.slack.render import mrkdwn

AWA = Mention("U0AWA", "Awa Diallo")


def test_markup_in_the_template_becomes_runs_and_placeholders_take_people() -> None:
    sentence = rich("*Mentorat* : {other} vous propose `/mentorat statut`.", other=AWA)
    assert sentence.runs == (Strong("Mentorat"), " : ", AWA, " vous propose ", Command("/mentorat statut"), ".")
    assert sentence.plain() == "Mentorat : Awa Diallo vous propose /mentorat statut."


def test_what_fills_a_placeholder_is_never_markup() -> None:
    typed = "*urgent* <!channel> & `rm`"
    sentence = rich("Objectif « {title} » pour {other}", title=typed, other=AWA)
    assert typed in sentence.runs  # one plain run, as typed
    shown = mrkdwn(sentence)
    assert "<!channel>" not in shown and "&lt;!channel&gt; &amp;" in shown
    assert shown.endswith("<@U0AWA>")


def test_a_placeholder_inside_emphasis_reads_as_a_name() -> None:
    assert rich("*{other}* a répondu", other=AWA).runs == (Strong("Awa Diallo"), " a répondu")


def test_join_and_add_keep_people_as_data() -> None:
    names = Rich.join(", ", [AWA, Mention("U0BEN", "Ben")])
    assert names.runs == (AWA, ", ", Mention("U0BEN", "Ben"))
    assert mrkdwn(rich("Coordination : {names}", names=names) + ".") == "Coordination : <@U0AWA>, <@U0BEN>."
    assert not Rich() and not Rich(("",)) and Rich((AWA,))


def test_teams_shows_names_bold_and_commands_to_type() -> None:
    from handlers.teams.cards import teams_text

    sentence = rich("*Mentorat* : {other} vous propose `/mentorat statut`.", other=AWA)
    assert teams_text(sentence) == "**Mentorat** : Awa Diallo vous propose mentorat statut."
    assert teams_text(Rich((Strong(rich("Convention avec {other}", other=AWA)),))) == "**Convention avec Awa Diallo**"
    assert mrkdwn(Rich((Strong(rich("Convention avec {other}", other=AWA)),))) == "*Convention avec <@U0AWA>*"


def test_a_date_is_data_with_the_readers_words() -> None:
    from datetime import UTC, datetime

    from bot.notify import Moment
    from handlers.teams.cards import teams_text

    moment = Moment(datetime(2026, 12, 7, 15, 0, tzinfo=UTC), "lundi 7 décembre à 10 h 00 (heure de Toronto)")
    sentence = rich("{other} propose le {when}.", other=AWA, when=moment)
    assert moment in sentence.runs  # the instant travels with the sentence
    assert mrkdwn(sentence) == "<@U0AWA> propose le lundi 7 décembre à 10 h 00 (heure de Toronto)."
    assert teams_text(sentence) == "Awa Diallo propose le lundi 7 décembre à 10 h 00 (heure de Toronto)."
    assert f"{moment}" == moment.text  # a plain sentence reads its words
