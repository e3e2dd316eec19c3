"""The pairing modal: mentor, mentee, start date."""

from __future__ import annotations

from datetime import date

from slack_sdk.models.blocks import (
    ContextBlock,
    DatePickerElement,
    InputBlock,
    MarkdownTextObject,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.i18n import t
from handlers.slack.ids import BlockId, CallbackId, FieldId


def pairing_modal(lang: str, today: date, *, mentor: str | None = None, mentee: str | None = None,
                  start: date | None = None, metadata: str = "", with_manager: bool = False) -> View:
    manager = [InputBlock(block_id=BlockId.PAIRING_MANAGER, label=t(lang, "pair.field.manager"), optional=True,
                          element=UserSelectElement(action_id=FieldId.PAIRING_MANAGER))] if with_manager else []
    return View(
        type="modal",
        callback_id=CallbackId.PAIRING_FORM_SUBMIT,
        title=t(lang, "pair.modal.title"),
        submit=t(lang, "pair.modal.submit"),
        close=t(lang, "pair.modal.cancel"),
        private_metadata=metadata,
        blocks=[
            InputBlock(
                block_id=BlockId.PAIRING_MENTOR,
                label=t(lang, "pair.modal.mentor"),
                element=UserSelectElement(action_id=FieldId.PAIRING_MENTOR, initial_user=mentor),
            ),
            InputBlock(
                block_id=BlockId.PAIRING_MENTEE,
                label=t(lang, "pair.modal.mentee"),
                element=UserSelectElement(action_id=FieldId.PAIRING_MENTEE, initial_user=mentee),
            ),
            *manager,
            InputBlock(
                block_id=BlockId.PAIRING_START,
                label=t(lang, "pair.modal.start"),
                element=DatePickerElement(action_id=FieldId.PAIRING_START,
                                          initial_date=(start or today).isoformat()),
            ),
            ContextBlock(elements=[MarkdownTextObject(text=t(lang, "pair.modal.hint"))]),
        ],
    )
