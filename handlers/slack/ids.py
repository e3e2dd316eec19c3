"""Every Slack action id and callback id, named <feature>-<thing>-<verb>."""

from enum import StrEnum

from bot.services import actions


class ActionId(StrEnum):
    CONVENTION_ACCEPT = actions.CONVENTION_ACCEPT
    CONVENTION_QUESTION = actions.CONVENTION_QUESTION
    NUDGE_PLAN_MEETING = actions.NUDGE_PLAN_MEETING
    HOME_HELP_SHOW = "home-help-show"
    HOME_STATUS_SHOW = "home-status-show"
    HOME_CONVENTION_SHOW = "home-convention-show"
    HOME_PAIRING_OPEN = "home-pairing-open"


class CallbackId(StrEnum):
    PAIRING_FORM_SUBMIT = "pairing-form-submit"


class BlockId(StrEnum):
    PAIRING_MENTOR = "pairing-mentor"
    PAIRING_MENTEE = "pairing-mentee"
    PAIRING_START = "pairing-start"


class FieldId(StrEnum):
    PAIRING_MENTOR = "pairing-mentor-select"
    PAIRING_MENTEE = "pairing-mentee-select"
    PAIRING_START = "pairing-start-pick"
