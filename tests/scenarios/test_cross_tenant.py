"""Rights never cross a workspace or a platform, whatever ids a signed click or a Teams card sends.

The two attacks the outside review reproduced: an admin of workspace B taking workspace A's
différend with correctly signed clicks, and a Teams user listed in MENTORAT_COORDINATORS naming
a Slack différend in an Action.Submit. Each must change nothing, show no text and message no one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from bot.demo.forms import differend_values
from bot.demo.harness import Harness, start_harness
from bot.demo.slack_emulator import SlackEmulator, button_value, text_of
from bot.demo.teams_connector import BotConnectorEmulator
from bot.services import actions
from storage.models import Dispute
from tests.conftest import DEFAULT_NOW
from tests.scenarios.dispute_helpers import SECRET, raise_differend
from tests.scenarios.helpers import pair_and_accept
from tests.scenarios.meeting_helpers import last_view
from tests.scenarios.teams_helpers import COORD, cards_for, channel, connector, teams_bot  # noqa: F401
from tests.scenarios.test_slack_gate import snapshot
from tests.scenarios.test_slack_oauth import CLIENT_ID, CLIENT_SECRET, install

NORD, SUD = "T0NORD", "T0SUD"
COORDINATOR_ACTS = (actions.DISPUTE_TAKE, actions.DISPUTE_MEET, actions.DISPUTE_RESOLVE, actions.EARLY_END_CONFIRM)


@pytest.fixture
def two_workspaces(database_url: str, emulator: SlackEmulator) -> Iterator[Harness]:
    """Mentorat installed by OAuth in Nord and in Sud; UADMIN is an admin (of whichever workspace asks)."""
    emulator.enable_oauth(CLIENT_ID, CLIENT_SECRET)
    harness = start_harness(database_url, emulator, now=DEFAULT_NOW, coordinators=("UCOORD",),
                            slack_oauth=(CLIENT_ID, CLIENT_SECRET))
    install(harness, NORD, "Équipe Nord")
    install(harness, SUD, "Équipe Sud")
    try:
        yield harness
    finally:
        harness.close()


def pair_in(bot: Harness, team: str) -> None:
    bot.command("UCOORD", "jumeler <@UMENTOR> <@UMENTEE> 2026-11-23", team=team)
    for user in ("UMENTOR", "UMENTEE"):
        invitation = [m for m in bot.emulator.messages_to(user) if button_value(m, "convention-accept")][-1]
        bot.click(user, "convention-accept", button_value(invitation, "convention-accept") or "", message=invitation,
                  team=team)


def raise_in(bot: Harness, team: str) -> Dispute:
    bot.command("UMENTOR", "differend", team=team)
    bot.submit_view("UMENTOR", last_view(bot, "differend-form-submit"), differend_values(SECRET), team=team)
    with bot.session_factory() as session:
        return session.scalars(select(Dispute).order_by(Dispute.id.desc())).first()


# Who clicks is registered in their own workspace (a person row, its workspace and programme), and the
# request is recorded against replays; nothing else may change.
IDENTITY = {"workspaces", "people", "programmes", "seen_requests", "teams_conversations"}


def pair_objects(state: dict[str, object]) -> dict[str, object]:
    rows = state["rows"]
    assert isinstance(rows, dict)
    return {table: count for table, count in rows.items() if table not in IDENTITY}


@pytest.mark.parametrize("act", COORDINATOR_ACTS)
def test_an_admin_of_another_workspace_cannot_act_on_its_differend(two_workspaces: Harness, act: str) -> None:
    bot = two_workspaces
    pair_in(bot, SUD)
    dispute = raise_in(bot, SUD)
    before = snapshot(bot)
    messages_before = {user: len(bot.emulator.messages_to(user)) for user in ("UMENTOR", "UMENTEE", "UADMIN")}
    # Nord's admin (and Nord's listed coordinator) click with Sud's dispute id, correctly signed for Nord.
    for user in ("UADMIN", "UCOORD"):
        answer = bot.click(user, act, str(dispute.id), team=NORD)
        assert answer.status == 200
        reply = text_of(bot.last_response())
        assert SECRET not in reply  # refused, and the text is not shown
        bot.click(user, act, "987654", team=NORD)  # an id that exists nowhere
        assert text_of(bot.last_response()) == reply, "nothing tells that Sud's dispute exists"
    assert pair_objects(snapshot(bot)) == pair_objects(before)
    with bot.session_factory() as session:
        assert session.get(Dispute, dispute.id).status == "open"
    for user, count in messages_before.items():  # nobody was messaged (the refusal is the click's own reply)
        assert len(bot.emulator.messages_to(user)) == count
    assert all(SECRET not in str(m) for m in bot.emulator.messages_to("UADMIN"))


@pytest.mark.both_databases
def test_sud_coordinators_still_act_on_their_own_differend(two_workspaces: Harness) -> None:
    bot = two_workspaces
    pair_in(bot, SUD)
    dispute = raise_in(bot, SUD)
    bot.click("UCOORD", actions.DISPUTE_TAKE, str(dispute.id), team=SUD)
    with bot.session_factory() as session:
        assert session.get(Dispute, dispute.id).status == "acknowledged"


@pytest.mark.both_databases
def test_a_teams_coordinator_cannot_take_a_slack_differend(teams_bot: Harness,  # noqa: F811
                                                          connector: BotConnectorEmulator) -> None:  # noqa: F811
    """COORD's Entra id is listed in MENTORAT_COORDINATORS: a coordinator on Teams, nobody on Slack."""
    bot = teams_bot
    pair_and_accept(bot, start="2026-11-23")
    raise_differend(bot, "UMENTOR")
    with bot.session_factory() as session:
        dispute = session.scalars(select(Dispute)).one()
    before = snapshot(bot)
    seen_before = len(cards_for(connector, COORD))
    for act in COORDINATOR_ACTS:
        channel(bot).submit(COORD, {"mentorat": act, "value": str(dispute.id)})
    with bot.session_factory() as session:
        assert session.get(Dispute, dispute.id).status == "open"
    assert pair_objects(snapshot(bot)) == pair_objects(before)
    replies = cards_for(connector, COORD)[seen_before:]
    assert len(replies) == len(COORDINATOR_ACTS)  # each click answered with a refusal
    assert all(SECRET not in str(card) for card in cards_for(connector, COORD))  # the text never reached Teams


def test_a_form_acts_in_the_workspace_that_submitted_it_not_the_one_its_metadata_names(
        two_workspaces: Harness) -> None:
    bot = two_workspaces
    view = {"id": "V9", "type": "modal", "callback_id": "pairing-form-submit",
            "private_metadata": json.dumps({"team_id": SUD})}
    values = {"pairing-mentor": {"pairing-mentor-select": {"type": "users_select", "selected_user": "UMENTOR"}},
              "pairing-mentee": {"pairing-mentee-select": {"type": "users_select", "selected_user": "UMENTEE"}},
              "pairing-start": {"pairing-start-pick": {"type": "datepicker", "selected_date": "2026-11-23"}}}
    before = pair_objects(snapshot(bot))
    assert bot.submit_view("UADMIN", view, values, team=NORD).status == 400  # signed by Nord, naming Sud
    assert pair_objects(snapshot(bot)) == before
