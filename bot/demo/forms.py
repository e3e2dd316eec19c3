"""The `view.state.values` Slack sends when a person submits each modal, built from plain answers.

Used by the demo to fill forms like a person would, and by the scenario tests.
"""

from __future__ import annotations

from typing import Any


def meeting_values(day: str | None, time: str | None, *, duration: str = "60", mode: str = "video",
                   location: str = "", agenda: str = "", reason: str | None = None) -> dict[str, dict[str, Any]]:
    """view.state.values as Slack sends them for the meeting modal."""
    values: dict[str, dict[str, Any]] = {
        "meeting-date": {"meeting-date-pick": {"type": "datepicker", "selected_date": day}},
        "meeting-time": {"meeting-time-pick": {"type": "timepicker", "selected_time": time}},
        "meeting-duration": {"meeting-duration-select": {"type": "static_select",
                                                         "selected_option": {"value": duration}}},
        "meeting-mode": {"meeting-mode-choose": {"type": "radio_buttons", "selected_option": {"value": mode}}},
        "meeting-location": {"meeting-location-input": {"type": "plain_text_input", "value": location or None}},
    }
    if reason is None:
        values["meeting-agenda"] = {"meeting-agenda-input": {"type": "plain_text_input", "value": agenda or None}}
    else:
        values["meeting-reason"] = {"meeting-reason-input": {"type": "plain_text_input", "value": reason}}
    return values


def text_values(block: str, action: str, value: str) -> dict[str, dict[str, Any]]:
    return {block: {action: {"type": "plain_text_input", "value": value}}}


def bilan_values(*, answers: dict[str, str] | None = None, satisfaction: str | None = "4",
                 objectives: dict[int, str] | None = None, decision: str | None = "end", extend: str | None = None,
                 keep: str | None = "yes", share: tuple[str, ...] = (), sponsor: bool = False,
                 follow_up: str | None = None) -> dict[str, dict[str, Any]]:
    texts = {"brought": "Apport", "went": "Déroulement"} if answers is None else answers
    values: dict[str, dict[str, Any]] = {
        f"bilan-answer:{key}": {"bilan-answer-input": {"value": text or None}} for key, text in texts.items()}
    values["bilan-satisfaction"] = {"bilan-satisfaction-choose": {
        "selected_option": {"value": satisfaction} if satisfaction else None}}
    for objective_id, result in (objectives or {}).items():
        values[f"bilan-objective:{objective_id}"] = {"bilan-objective-select": {"selected_option": {"value": result}}}
    values["bilan-follow-up"] = {"bilan-follow-up-pick": {"selected_date": follow_up}}
    values["bilan-decision"] = {"bilan-decision-choose": {"selected_option": {"value": decision} if decision else None}}
    values["bilan-extend"] = {"bilan-extend-select": {"selected_option": {"value": extend} if extend else None}}
    values["bilan-keep"] = {"bilan-keep-choose": {"selected_option": {"value": keep} if keep else None}}
    values["bilan-share"] = {"bilan-share-check": {"selected_options": [{"value": k} for k in share]}}
    values["bilan-sponsor"] = {"bilan-sponsor-check": {"selected_options": [{"value": "yes"}] if sponsor else []}}
    return values


def differend_values(summary: str, *, amicable: str | None = "yes", go_on: bool = False,
                     urgency: str = "normal") -> dict[str, dict[str, Any]]:
    return {
        "dispute-summary": {"dispute-summary-input": {"type": "plain_text_input", "value": summary}},
        "dispute-amicable": {"dispute-amicable-choose": {
            "type": "radio_buttons", "selected_option": {"value": amicable} if amicable else None}},
        "dispute-go-on": {"dispute-go-on-check": {
            "type": "checkboxes", "selected_options": [{"value": "go_on"}] if go_on else []}},
        "dispute-urgency": {"dispute-urgency-choose": {"type": "radio_buttons",
                                                       "selected_option": {"value": urgency}}},
    }
