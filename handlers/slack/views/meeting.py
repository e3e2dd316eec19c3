"""The meeting modals: plan (or counter-propose, or move) a meeting, cancel one, write the agenda, a note."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from slack_sdk.models.blocks import (
    Block,
    CheckboxesElement,
    ContextBlock,
    DatePickerElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
    TimePickerElement,
)
from slack_sdk.models.views import View

from bot.i18n import labels, t
from bot.i18n.dates import zone_name
from bot.services.meetings import AGENDA_LIMIT, LOCATION_LIMIT, REASON_LIMIT, duration_choices
from bot.services.typed_text import number, picked_date
from handlers.slack.ids import BlockId, CallbackId, FieldId
from storage.models import MeetingMode


@dataclass(frozen=True)
class MeetingPrefill:
    day: date | None = None
    time: str | None = None
    duration: int | None = None
    mode: str = MeetingMode.VIDEO
    location: str = ""
    agenda: str = ""

    @classmethod
    def from_fields(cls, fields: Mapping[str, str]) -> MeetingPrefill:
        """The use case's prefill (field name -> text), as the modal's elements take it."""
        return cls(day=picked_date(fields.get("date")), time=fields.get("time") or None,
                   duration=number(fields.get("duration")), mode=fields.get("mode") or MeetingMode.VIDEO,
                   location=fields.get("location", ""), agenda=fields.get("agenda", ""))


def _option(text: str, value: str) -> Option:
    return Option(text=text, value=value)


def meeting_modal(lang: str, tz: str, now: datetime, *, low: int, high: int, other: str, kind: str,
                  metadata: str, prefill: MeetingPrefill | None = None, note: str | None = None) -> View:
    """kind: "new", "counter" (answer a proposal) or "move" (a confirmed meeting; asks the reason)."""
    fill = prefill or MeetingPrefill()
    duration = fill.duration if fill.duration in duration_choices(low, high) else low
    modes = [_option(t(lang, labels.MEETING_MODE[m]), m.value) for m in MeetingMode]
    chosen_mode = next((o for o in modes if o.value == fill.mode), modes[1])
    duration_options = [_option(t(lang, "meeting.minutes", minutes=m), str(m)) for m in duration_choices(low, high)]
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=t(lang, labels.MEETING_FORM_INTRO[kind], other=other))),
        *([ContextBlock(elements=[MarkdownTextObject(text=note)])] if note else []),
        InputBlock(block_id=BlockId.MEETING_DATE, label=t(lang, "meeting.modal.date"),
                   element=DatePickerElement(action_id=FieldId.MEETING_DATE,
                                             initial_date=fill.day.isoformat() if fill.day else None)),
        InputBlock(block_id=BlockId.MEETING_TIME, label=t(lang, "meeting.modal.time", zone=zone_name(now, tz, lang)),
                   element=TimePickerElement(action_id=FieldId.MEETING_TIME, initial_time=fill.time, timezone=tz)),
        InputBlock(block_id=BlockId.MEETING_DURATION, label=t(lang, "meeting.modal.duration"),
                   element=StaticSelectElement(
                       action_id=FieldId.MEETING_DURATION, options=duration_options,
                       initial_option=next(o for o in duration_options if o.value == str(duration)))),
        InputBlock(block_id=BlockId.MEETING_MODE, label=t(lang, "meeting.modal.mode"),
                   element=RadioButtonsElement(action_id=FieldId.MEETING_MODE, options=modes,
                                               initial_option=chosen_mode)),
        InputBlock(block_id=BlockId.MEETING_LOCATION, label=t(lang, "meeting.modal.location"), optional=True,
                   hint=t(lang, "meeting.modal.location_hint"),
                   element=PlainTextInputElement(action_id=FieldId.MEETING_LOCATION, max_length=LOCATION_LIMIT,
                                                 initial_value=fill.location or None)),
    ]
    if kind == "move":
        blocks.append(InputBlock(block_id=BlockId.MEETING_REASON, label=t(lang, "meeting.modal.reason"),
                                 hint=t(lang, "meeting.modal.reason_hint", other=other),
                                 element=PlainTextInputElement(action_id=FieldId.MEETING_REASON, multiline=True,
                                                               max_length=REASON_LIMIT)))
    else:
        blocks.append(InputBlock(block_id=BlockId.MEETING_AGENDA, label=t(lang, "meeting.modal.agenda"),
                                 optional=True, hint=t(lang, "meeting.modal.agenda_hint"),
                                 element=PlainTextInputElement(action_id=FieldId.MEETING_AGENDA, multiline=True,
                                                               max_length=AGENDA_LIMIT,
                                                               initial_value=fill.agenda or None)))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=t(lang, "meeting.modal.footer", other=other))]))
    return View(type="modal", callback_id=CallbackId.MEETING_FORM_SUBMIT, title=t(lang, labels.MEETING_FORM_TITLE[kind]),
                submit=t(lang, labels.MEETING_FORM_SUBMIT[kind]), close=t(lang, "modal.cancel"),
                private_metadata=metadata, blocks=blocks)


def cancel_modal(lang: str, *, when: str, other: str, metadata: str) -> View:
    return View(
        type="modal", callback_id=CallbackId.MEETING_CANCEL_SUBMIT, title=t(lang, "meeting.cancel.title"),
        submit=t(lang, "meeting.cancel.submit"), close=t(lang, "meeting.cancel.keep"), private_metadata=metadata,
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=t(lang, "meeting.cancel.intro", when=when, other=other))),
            InputBlock(block_id=BlockId.MEETING_REASON, label=t(lang, "meeting.modal.reason"),
                       hint=t(lang, "meeting.modal.reason_hint", other=other),
                       element=PlainTextInputElement(action_id=FieldId.MEETING_REASON, multiline=True,
                                                     max_length=REASON_LIMIT)),
        ],
    )


def agenda_modal(lang: str, *, about: str, mentor: str, initial: str, metadata: str) -> View:
    return View(
        type="modal", callback_id=CallbackId.AGENDA_FORM_SUBMIT, title=t(lang, "agenda.modal.title"),
        submit=t(lang, "agenda.modal.submit"), close=t(lang, "modal.cancel"), private_metadata=metadata,
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=about)),
            InputBlock(block_id=BlockId.MEETING_AGENDA, label=t(lang, "agenda.modal.label"),
                       hint=t(lang, "agenda.modal.hint", mentor=mentor),
                       element=PlainTextInputElement(action_id=FieldId.MEETING_AGENDA, multiline=True,
                                                     max_length=AGENDA_LIMIT, initial_value=initial or None)),
        ],
    )


def note_modal(lang: str, *, about: str, other: str, metadata: str) -> View:
    share = _option(t(lang, "note.modal.share", other=other), "share")
    return View(
        type="modal", callback_id=CallbackId.NOTE_FORM_SUBMIT, title=t(lang, "note.modal.title"),
        submit=t(lang, "note.modal.submit"), close=t(lang, "modal.cancel"), private_metadata=metadata,
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=about)),
            InputBlock(block_id=BlockId.NOTE_BODY, label=t(lang, "note.modal.label"),
                       element=PlainTextInputElement(action_id=FieldId.NOTE_BODY, multiline=True,
                                                     max_length=AGENDA_LIMIT)),
            InputBlock(block_id=BlockId.NOTE_SHARE, label=t(lang, "note.modal.share_label"), optional=True,
                       element=CheckboxesElement(action_id=FieldId.NOTE_SHARE, options=[share])),
        ],
    )
