"""The différend and early-end modals."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    CheckboxesElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.i18n import N_, labels, t
from bot.services.disputes import SUMMARY_LIMIT, URGENCIES
from handlers.slack.ids import BlockId, CallbackId, FieldId


def _option(text: str, value: str) -> Option:
    return Option(text=PlainTextObject(text=text), value=value)


def _summary(lang: str, label: str, hint: str) -> InputBlock:
    return InputBlock(block_id=BlockId.DISPUTE_SUMMARY, label=t(lang, label), hint=t(lang, hint),
                      element=PlainTextInputElement(action_id=FieldId.DISPUTE_SUMMARY, multiline=True,
                                                    max_length=SUMMARY_LIMIT))


def differend_modal(lang: str, *, other: str, metadata: str) -> View:
    urgency = [_option(t(lang, labels.URGENCY[u]), u) for u in URGENCIES]
    return View(
        type="modal", callback_id=CallbackId.DIFFEREND_FORM_SUBMIT, title=t(lang, "differend.modal.title"),
        submit=t(lang, "differend.modal.submit"), close=t(lang, "modal.cancel"), private_metadata=metadata,
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=t(lang, "differend.modal.intro", other=other))),
            _summary(lang, N_("differend.modal.summary"), N_("differend.modal.summary_hint")),
            InputBlock(block_id=BlockId.DISPUTE_AMICABLE, label=t(lang, "differend.modal.amicable"),
                       element=RadioButtonsElement(action_id=FieldId.DISPUTE_AMICABLE, options=[
                           _option(t(lang, "differend.modal.amicable_yes"), "yes"),
                           _option(t(lang, "differend.modal.amicable_no"), "no")])),
            InputBlock(block_id=BlockId.DISPUTE_GO_ON, label=t(lang, "differend.modal.go_on_label"), optional=True,
                       element=CheckboxesElement(action_id=FieldId.DISPUTE_GO_ON, options=[
                           _option(t(lang, "differend.modal.go_on"), "go_on")])),
            InputBlock(block_id=BlockId.DISPUTE_URGENCY, label=t(lang, "differend.modal.urgency"),
                       element=RadioButtonsElement(action_id=FieldId.DISPUTE_URGENCY, options=urgency,
                                                   initial_option=urgency[1])),
            ContextBlock(elements=[MarkdownTextObject(text=t(lang, "differend.modal.resources"))]),
        ],
    )


def early_end_modal(lang: str, *, other: str, metadata: str) -> View:
    return View(
        type="modal", callback_id=CallbackId.EARLY_END_FORM_SUBMIT, title=t(lang, "early_end.modal.title"),
        submit=t(lang, "early_end.modal.submit"), close=t(lang, "modal.cancel"), private_metadata=metadata,
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=t(lang, "early_end.modal.intro", other=other))),
            _summary(lang, N_("early_end.modal.reason"), N_("early_end.modal.reason_hint")),
            ContextBlock(elements=[MarkdownTextObject(text=t(lang, "differend.modal.resources"))]),
        ],
    )
