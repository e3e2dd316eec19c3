"""Agreeing to send the final report to the sponsor is agreeing to send it to that person, not to whoever
is sponsor when the convention closes."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services import bilans, conventions, coordination
from bot.services.people import ensure_person, ensure_workspace
from bot.services.programmes import ProgrammeDefaults, default_programme
from bot.services.roles import CoordinatorRule
from storage.models import Person, Reminder
from tests.services.conftest import NOW

RULE = CoordinatorRule(frozenset({"UCOORD"}))
TODAY = date(2026, 11, 23)


def bilan(consent: bool) -> bilans.BilanDraft:
    return bilans.BilanDraft(answers={"brought": "beaucoup", "went": "bien"}, satisfaction=4, objective_results={},
                             decision="end", extend_months=None, keep_in_touch=False, follow_up_on=None,
                             shared_keys=("brought",), sponsor_ok=consent)


@pytest.mark.parametrize("sponsor_changed", [False, True])
def test_the_report_goes_only_to_the_sponsor_both_agreed_to(session: Session, sponsor_changed: bool) -> None:
    workspace = ensure_workspace(session, platform="slack", external_id="T1", now=NOW)
    programme = default_programme(session, workspace, ProgrammeDefaults(), now=NOW)
    people = {name: ensure_person(session, workspace, name, now=NOW) for name in
              ("UCOORD", "UMENTOR", "UMENTEE", "USPONSOR", "UOTHER")}
    coordinator = people["UCOORD"]
    convention = conventions.pair(session, programme=programme, coordinator=coordinator, mentor=people["UMENTOR"],
                                  mentee=people["UMENTEE"], starts_on=TODAY, today=TODAY, now=NOW, rule=RULE).convention
    for side in ("UMENTOR", "UMENTEE"):
        conventions.accept(session, convention_id=convention.id, person=people[side], now=NOW)
    convention.planned_end_on, convention.status = date(2026, 12, 10), "closing"  # its last weeks: bilans open
    coordination.set_sponsor(session, by=coordinator, programme=programme, sponsor=people["USPONSOR"], rule=RULE)
    bilans.submit(session, person=people["UMENTOR"], convention_id=convention.id, draft=bilan(True), today=TODAY,
                  now=NOW)
    if sponsor_changed:  # after the mentor agreed, before the mentee did
        coordination.set_sponsor(session, by=coordinator, programme=programme, sponsor=people["UOTHER"], rule=RULE)
    bilans.submit(session, person=people["UMENTEE"], convention_id=convention.id, draft=bilan(True), today=TODAY,
                  now=NOW)
    session.flush()
    sent_to = set(session.scalars(select(Person.external_id).join(Reminder, Reminder.recipient_id == Person.id)
                                  .where(Reminder.kind == "final_report")))
    if sponsor_changed:
        assert "UOTHER" not in sent_to and "USPONSOR" not in sent_to, "nobody both sides agreed to"
    else:
        assert "USPONSOR" in sent_to
    assert {"UMENTOR", "UMENTEE"} <= sent_to
