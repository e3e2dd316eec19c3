"""Modal state parsed once into dataclasses; private_metadata is a serialised dataclass."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from bot.services.profiles import ProfileInput
from bot.services.typed_text import number, picked_date
from handlers.slack.ids import BlockId, FieldId


def _value(view: dict[str, Any], block: str, action: str) -> dict[str, Any]:
    return view.get("state", {}).get("values", {}).get(block, {}).get(action, {}) or {}


@dataclass(frozen=True)
class PairingForm:
    mentor: str | None
    mentee: str | None
    start: date | None
    start_raw: str | None
    manager: str | None = None

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> PairingForm:
        raw = _value(view, BlockId.PAIRING_START, FieldId.PAIRING_START).get("selected_date")
        start = picked_date(raw)
        return cls(
            mentor=_value(view, BlockId.PAIRING_MENTOR, FieldId.PAIRING_MENTOR).get("selected_user"),
            mentee=_value(view, BlockId.PAIRING_MENTEE, FieldId.PAIRING_MENTEE).get("selected_user"),
            start=start,
            start_raw=raw,
            manager=_value(view, BlockId.PAIRING_MANAGER, FieldId.PAIRING_MANAGER).get("selected_user"),
        )


def metadata_text(raw: str | None, key: str) -> str:
    """A text a modal's private_metadata carries (an id its use case checks again), "" when absent or altered."""
    try:
        found = json.loads(raw or "{}").get(key, "")
    except (ValueError, AttributeError):
        return ""
    return found if isinstance(found, str) else ""


@dataclass(frozen=True)
class ModalOrigin:
    """Where a modal was opened from, kept in private_metadata."""

    team_id: str
    channel_id: str | None = None
    programme_id: int | None = None  # the programme the form was opened in (its submit must act there)

    def dumps(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def loads(cls, raw: str | None) -> ModalOrigin | None:
        if not raw:
            return None
        try:
            data = json.loads(raw)
            programme = data.get("programme_id")
            return cls(team_id=str(data["team_id"]), channel_id=data.get("channel_id"),
                       programme_id=programme if isinstance(programme, int) else None)
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


@dataclass(frozen=True)
class MeetingForm:
    """The meeting modal as submitted; the date and time are read in `tz` by the service."""

    day: date | None
    time: str | None
    duration: int | None
    mode: str | None
    location: str
    agenda: str
    reason: str

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> MeetingForm:
        minutes = _option_value(view, BlockId.MEETING_DURATION, FieldId.MEETING_DURATION)
        return cls(
            day=picked_date(_value(view, BlockId.MEETING_DATE, FieldId.MEETING_DATE).get("selected_date")),
            time=_value(view, BlockId.MEETING_TIME, FieldId.MEETING_TIME).get("selected_time"),
            duration=number(minutes),
            mode=_option_value(view, BlockId.MEETING_MODE, FieldId.MEETING_MODE),
            location=_text(view, BlockId.MEETING_LOCATION, FieldId.MEETING_LOCATION),
            agenda=_text(view, BlockId.MEETING_AGENDA, FieldId.MEETING_AGENDA),
            reason=_text(view, BlockId.MEETING_REASON, FieldId.MEETING_REASON),
        )


def _text(view: dict[str, Any], block: str, action: str) -> str:
    return _value(view, block, action).get("value") or ""


@dataclass(frozen=True)
class NoteForm:
    body: str
    share: bool

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> NoteForm:
        chosen = _value(view, BlockId.NOTE_SHARE, FieldId.NOTE_SHARE).get("selected_options") or []
        return cls(body=_text(view, BlockId.NOTE_BODY, FieldId.NOTE_BODY), share=bool(chosen))


@dataclass(frozen=True)
class FormContext:
    """What a meeting, agenda or note modal is about, kept in private_metadata."""

    team_id: str
    # "new" | "counter" | "move" | "cancel" | "agenda" | "note" | "objective" | "update" | "feedback" | "bilan"
    # | "thanks" | "news" | "agree" | "decline"
    kind: str
    convention_id: int | None = None
    meeting_id: int | None = None
    objective_id: int | None = None
    request_id: int | None = None  # a mentee's request to a mentor

    def dumps(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def loads(cls, raw: str | None) -> FormContext | None:
        if not raw:
            return None
        try:
            data = json.loads(raw)
            ids = {name: data.get(name) for name in ("convention_id", "meeting_id", "objective_id", "request_id")}
            if not all(value is None or (type(value) is int and 0 < value < 2**53) for value in ids.values()):
                return None  # not what the bot wrote: an altered form is a stale one
            return cls(team_id=str(data["team_id"]), kind=str(data["kind"]), **ids)
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def _option_value(view: dict[str, Any], block: str, action: str) -> str | None:
    option = _value(view, block, action).get("selected_option")
    value = option.get("value") if isinstance(option, dict) else None
    return value if isinstance(value, str) else None  # anything else is an altered form


@dataclass(frozen=True)
class ObjectiveForm:
    title: str
    description: str
    horizon: str | None
    due: date | None
    success: str

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> ObjectiveForm:
        due = picked_date(_value(view, BlockId.OBJECTIVE_DUE, FieldId.OBJECTIVE_DUE).get("selected_date"))
        return cls(title=_text(view, BlockId.OBJECTIVE_TITLE, FieldId.OBJECTIVE_TITLE),
                   description=_text(view, BlockId.OBJECTIVE_DESCRIPTION, FieldId.OBJECTIVE_DESCRIPTION),
                   horizon=_option_value(view, BlockId.OBJECTIVE_HORIZON, FieldId.OBJECTIVE_HORIZON),
                   due=due, success=_text(view, BlockId.OBJECTIVE_SUCCESS, FieldId.OBJECTIVE_SUCCESS))


@dataclass(frozen=True)
class ObjectiveUpdateForm:
    status: str | None
    progress: int | None
    comment: str

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> ObjectiveUpdateForm:
        raw = _option_value(view, BlockId.OBJECTIVE_PROGRESS, FieldId.OBJECTIVE_PROGRESS)
        return cls(status=_option_value(view, BlockId.OBJECTIVE_STATUS, FieldId.OBJECTIVE_STATUS),
                   progress=number(raw),
                   comment=_text(view, BlockId.OBJECTIVE_COMMENT, FieldId.OBJECTIVE_COMMENT))


def _checked(view: dict[str, Any], block: str, action: str) -> list[str]:
    options = _value(view, block, action).get("selected_options")
    if not isinstance(options, list):
        return []
    return [o["value"] for o in options if isinstance(o, dict) and isinstance(o.get("value"), str)]


@dataclass(frozen=True)
class BilanForm:
    """The bilan modal: one text per question, the choices, what to share."""

    answers: dict[str, str]
    satisfaction: int | None
    objective_results: dict[int, str]
    follow_up: date | None
    decision: str | None
    extend_months: int | None
    keep_in_touch: bool | None
    shared: tuple[str, ...]
    sponsor_ok: bool

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> BilanForm:
        values = view.get("state", {}).get("values", {})
        answers, results = {}, {}
        for block_id, fields in values.items():
            kind, _, key = block_id.partition(":")
            if kind == BlockId.BILAN_ANSWER:
                answers[key] = (fields.get(FieldId.BILAN_ANSWER) or {}).get("value") or ""
            elif kind == BlockId.BILAN_OBJECTIVE and number(key) is not None:
                chosen = ((fields.get(FieldId.BILAN_OBJECTIVE) or {}).get("selected_option") or {}).get("value")
                if chosen:
                    results[int(key)] = chosen
        satisfaction = _option_value(view, BlockId.BILAN_SATISFACTION, FieldId.BILAN_SATISFACTION)
        extend = _option_value(view, BlockId.BILAN_EXTEND, FieldId.BILAN_EXTEND)
        keep = _option_value(view, BlockId.BILAN_KEEP, FieldId.BILAN_KEEP)
        return cls(
            answers=answers,
            satisfaction=number(satisfaction),
            objective_results=results,
            follow_up=picked_date(_value(view, BlockId.BILAN_FOLLOW_UP, FieldId.BILAN_FOLLOW_UP).get("selected_date")),
            decision=_option_value(view, BlockId.BILAN_DECISION, FieldId.BILAN_DECISION),
            extend_months=number(extend),
            keep_in_touch=None if keep is None else keep == "yes",
            shared=tuple(_checked(view, BlockId.BILAN_SHARE, FieldId.BILAN_SHARE)),
            sponsor_ok=bool(_checked(view, BlockId.BILAN_SPONSOR, FieldId.BILAN_SPONSOR)),
        )

    def field_blocks(self) -> dict[str, str]:
        """Where each field's error goes: the service names fields, the modal has blocks."""
        blocks = {key: f"{BlockId.BILAN_ANSWER}:{key}" for key in self.answers}
        blocks |= {f"objective:{oid}": f"{BlockId.BILAN_OBJECTIVE}:{oid}" for oid in self.objective_results}
        return blocks | {"satisfaction": BlockId.BILAN_SATISFACTION, "decision": BlockId.BILAN_DECISION,
                         "extend": BlockId.BILAN_EXTEND, "keep_in_touch": BlockId.BILAN_KEEP,
                         "share": BlockId.BILAN_SHARE}


@dataclass(frozen=True)
class ThanksForm:
    message: str
    achievements: str

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> ThanksForm:
        return cls(message=_text(view, BlockId.THANKS_MESSAGE, FieldId.THANKS_MESSAGE),
                   achievements=_text(view, BlockId.THANKS_ACHIEVEMENTS, FieldId.THANKS_ACHIEVEMENTS))


@dataclass(frozen=True)
class ProfileForm:
    """The profile modal as submitted; the people picked are Slack user ids, looked up by the handler."""

    typed: ProfileInput
    manager: str | None
    avoid: str | None

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> ProfileForm:
        roles = _checked(view, BlockId.PROFILE_ROLES, FieldId.PROFILE_ROLES)
        typed = ProfileInput(
            as_mentor="mentor" in roles, as_mentee="mentee" in roles,
            themes=_checked(view, BlockId.PROFILE_THEMES, FieldId.PROFILE_THEMES),
            aspiration=_text(view, BlockId.PROFILE_ASPIRATION, FieldId.PROFILE_ASPIRATION),
            motivation=_text(view, BlockId.PROFILE_MOTIVATION, FieldId.PROFILE_MOTIVATION),
            expertise=_text(view, BlockId.PROFILE_EXPERTISE, FieldId.PROFILE_EXPERTISE),
            learning=_text(view, BlockId.PROFILE_LEARNING, FieldId.PROFILE_LEARNING),
            languages=_checked(view, BlockId.PROFILE_LANGUAGES, FieldId.PROFILE_LANGUAGES),
            modes=_checked(view, BlockId.PROFILE_MODES, FieldId.PROFILE_MODES),
            days=_checked(view, BlockId.PROFILE_DAYS, FieldId.PROFILE_DAYS),
            windows=_checked(view, BlockId.PROFILE_WINDOWS, FieldId.PROFILE_WINDOWS),
            capacity=_option_value(view, BlockId.PROFILE_CAPACITY, FieldId.PROFILE_CAPACITY) or "",
            presentation=_text(view, BlockId.PROFILE_PRESENTATION, FieldId.PROFILE_PRESENTATION),
            link=_text(view, BlockId.PROFILE_LINK, FieldId.PROFILE_LINK),
            team=_text(view, BlockId.PROFILE_TEAM, FieldId.PROFILE_TEAM),
        )
        return cls(typed, _value(view, BlockId.PROFILE_MANAGER, FieldId.PROFILE_MANAGER).get("selected_user"),
                   _value(view, BlockId.PROFILE_AVOID, FieldId.PROFILE_AVOID).get("selected_user"))


@dataclass(frozen=True)
class ThemesForm:
    kept: list[str]
    extra: str

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> ThemesForm:
        return cls(_checked(view, BlockId.THEMES_DEFAULTS, FieldId.THEMES_DEFAULTS),
                   _text(view, BlockId.THEMES_EXTRA, FieldId.THEMES_EXTRA))


@dataclass(frozen=True)
class EvaluationForm:
    """The evaluation modal: one select per rating ("evaluation-rating:<name>"), the answer, the suggestion."""

    ratings: dict[str, int | None]
    recommend: str | None
    suggestion: str

    @classmethod
    def from_view(cls, view: dict[str, Any], ratings: tuple[str, ...]) -> EvaluationForm:
        picked = {name: number(_option_value(view, f"{BlockId.EVALUATION_RATING}:{name}", FieldId.EVALUATION_RATING),
                               digits=1) for name in ratings}
        return cls(picked, _option_value(view, BlockId.EVALUATION_RECOMMEND, FieldId.EVALUATION_RECOMMEND),
                   _text(view, BlockId.EVALUATION_SUGGESTION, FieldId.EVALUATION_SUGGESTION))
