"""Every Slack action id and callback id, named <feature>-<thing>-<verb>."""

from enum import StrEnum

from bot.services import actions


class ActionId(StrEnum):
    CONVENTION_ACCEPT = actions.CONVENTION_ACCEPT
    CONVENTION_QUESTION = actions.CONVENTION_QUESTION
    NUDGE_PLAN_MEETING = actions.NUDGE_PLAN_MEETING
    MEETING_CONFIRM = actions.MEETING_CONFIRM
    MEETING_COUNTER = actions.MEETING_COUNTER
    MEETING_PLAN = actions.MEETING_PLAN
    MEETING_MOVE = actions.MEETING_MOVE
    MEETING_CANCEL = actions.MEETING_CANCEL
    MEETING_ICS = actions.MEETING_ICS
    MEETING_HELD = actions.MEETING_HELD
    MEETING_POSTPONED = actions.MEETING_POSTPONED
    MEETING_MISSED = actions.MEETING_MISSED
    AGENDA_WRITE = actions.AGENDA_WRITE
    NOTE_WRITE = actions.NOTE_WRITE
    OBJECTIVES_SHOW = actions.OBJECTIVES_SHOW
    OBJECTIVE_ADD = actions.OBJECTIVE_ADD
    OBJECTIVE_UPDATE = actions.OBJECTIVE_UPDATE
    OBJECTIVE_FEEDBACK = actions.OBJECTIVE_FEEDBACK
    OBJECTIVE_HISTORY = actions.OBJECTIVE_HISTORY
    BILAN_OPEN = actions.BILAN_OPEN
    BILAN_SHOW = actions.BILAN_SHOW
    BILAN_REPORT = actions.BILAN_REPORT
    THANKS_WRITE = actions.THANKS_WRITE
    NEWS_WRITE = actions.NEWS_WRITE
    HOME_MEETING_PLAN = "home-meeting-plan"
    HOME_AGENDA_WRITE = "home-agenda-write"
    HOME_NOTES_SHOW = "home-notes-show"
    HOME_HELP_SHOW = "home-help-show"
    HOME_STATUS_SHOW = "home-status-show"
    HOME_CONVENTION_SHOW = "home-convention-show"
    HOME_PAIRING_OPEN = "home-pairing-open"
    # --- différends, early ends, reports, bulk pairing ---
    DISPUTE_TAKE = actions.DISPUTE_TAKE
    DISPUTE_MEET = actions.DISPUTE_MEET
    DISPUTE_RESOLVE = actions.DISPUTE_RESOLVE
    EARLY_END_CONFIRM = actions.EARLY_END_CONFIRM
    EARLY_END_WITHDRAW = actions.EARLY_END_WITHDRAW
    REPORT_SEND = actions.REPORT_SEND
    HOME_IMPORT_OPEN = "home-import-open"
    HOME_ROADMAP_SHOW = "home-road-map-show"
    HOME_SYNTHESIS_SHOW = "home-synthesis-show"
    # --- enrolment, profiles, matching ---
    ENROL = actions.ENROL
    ENROL_WITHDRAW = actions.ENROL_WITHDRAW
    PROFILE_EDIT = actions.PROFILE_EDIT
    SUGGESTIONS_SHOW = actions.SUGGESTIONS_SHOW
    MATCH_ACCEPT = actions.MATCH_ACCEPT
    MATCH_ACCEPT_ALL = actions.MATCH_ACCEPT_ALL
    MATCH_REJECT = actions.MATCH_REJECT
    MATCH_SWAP = actions.MATCH_SWAP
    MENTOR_ASK = actions.MENTOR_ASK
    EVALUATION_OPEN = actions.EVALUATION_OPEN
    THEMES_OPEN = actions.THEMES_OPEN
    ERASE_CONFIRM = actions.ERASE_CONFIRM
    REQUEST_AGREE = actions.REQUEST_AGREE
    REQUEST_DECLINE = actions.REQUEST_DECLINE
    REQUEST_CONFIRM = actions.REQUEST_CONFIRM
    REQUEST_REFUSE = actions.REQUEST_REFUSE
    REQUEST_CANCEL = actions.REQUEST_CANCEL
    # --- programmes ---
    PROGRAMME_CHOOSE = actions.PROGRAMME_CHOOSE
    PROGRAMME_EDIT = actions.PROGRAMME_EDIT
    PROGRAMME_NEW = actions.PROGRAMME_NEW
    PROGRAMME_ARCHIVE = actions.PROGRAMME_ARCHIVE
    PROGRAMME_RESTORE = actions.PROGRAMME_RESTORE
    PROGRAMMES_SHOW = actions.PROGRAMMES_SHOW
    ROADMAP_EDIT = actions.ROADMAP_EDIT
    ROADMAP_CONFIRM = actions.ROADMAP_CONFIRM
    MILESTONE_RECORD = actions.MILESTONE_RECORD
    MILESTONE_SHARE = actions.MILESTONE_SHARE
    MILESTONE_KEEP = actions.MILESTONE_KEEP
    SYNTHESIS_EDIT = actions.SYNTHESIS_EDIT
    SYNTHESIS_APPROVE_ALL = actions.SYNTHESIS_APPROVE_ALL
    SYNTHESIS_APPROVE = actions.SYNTHESIS_APPROVE
    SYNTHESIS_CHANGES = actions.SYNTHESIS_CHANGES
    # One per button of "Which convention?" (Slack wants each action id once in a block): -0, -1...
    CONVENTION_CHOOSE = actions.CONVENTION_CHOOSE


class CallbackId(StrEnum):
    PAIRING_FORM_SUBMIT = "pairing-form-submit"
    MEETING_FORM_SUBMIT = "meeting-form-submit"
    MEETING_CANCEL_SUBMIT = "meeting-cancel-submit"
    AGENDA_FORM_SUBMIT = "agenda-form-submit"
    NOTE_FORM_SUBMIT = "note-form-submit"
    OBJECTIVE_ADD_SUBMIT = "objective-add-submit"
    OBJECTIVE_UPDATE_SUBMIT = "objective-update-submit"
    OBJECTIVE_FEEDBACK_SUBMIT = "objective-feedback-submit"
    BILAN_FORM_SUBMIT = "bilan-form-submit"
    THANKS_FORM_SUBMIT = "thanks-form-submit"
    # --- différends, early ends, reports, bulk pairing ---
    DIFFEREND_FORM_SUBMIT = "differend-form-submit"
    EARLY_END_FORM_SUBMIT = "early-end-form-submit"
    IMPORT_FORM_SUBMIT = "import-form-submit"
    PROFILE_FORM_SUBMIT = "profile-form-submit"
    REQUEST_ANSWER_SUBMIT = "request-answer-submit"
    THEMES_FORM_SUBMIT = "themes-form-submit"
    EVALUATION_FORM_SUBMIT = "evaluation-form-submit"
    PROGRAMME_FORM_SUBMIT = "programme-form-submit"
    ROADMAP_FORM_SUBMIT = "road-map-form-submit"
    MILESTONE_FORM_SUBMIT = "milestone-form-submit"
    SYNTHESIS_FORM_SUBMIT = "synthesis-form-submit"
    SYNTHESIS_CHANGES_SUBMIT = "synthesis-changes-submit"


class BlockId(StrEnum):
    PAIRING_MENTOR = "pairing-mentor"
    PAIRING_MENTEE = "pairing-mentee"
    PAIRING_START = "pairing-start"
    PAIRING_MANAGER = "pairing-manager"
    MEETING_DATE = "meeting-date"
    MEETING_TIME = "meeting-time"
    MEETING_DURATION = "meeting-duration"
    MEETING_MODE = "meeting-mode"
    MEETING_LOCATION = "meeting-location"
    MEETING_AGENDA = "meeting-agenda"
    MEETING_REASON = "meeting-reason"
    NOTE_BODY = "note-body"
    NOTE_SHARE = "note-share"
    OBJECTIVE_TITLE = "objective-title"
    OBJECTIVE_DESCRIPTION = "objective-description"
    OBJECTIVE_HORIZON = "objective-horizon"
    OBJECTIVE_DUE = "objective-due"
    OBJECTIVE_SUCCESS = "objective-success"
    OBJECTIVE_STATUS = "objective-status"
    OBJECTIVE_PROGRESS = "objective-progress"
    OBJECTIVE_COMMENT = "objective-comment"
    BILAN_ANSWER = "bilan-answer"  # one per question: "bilan-answer:<key>"
    BILAN_SATISFACTION = "bilan-satisfaction"
    BILAN_OBJECTIVE = "bilan-objective"  # one per objective: "bilan-objective:<id>"
    BILAN_FOLLOW_UP = "bilan-follow-up"
    BILAN_DECISION = "bilan-decision"
    BILAN_EXTEND = "bilan-extend"
    BILAN_KEEP = "bilan-keep"
    BILAN_SHARE = "bilan-share"
    BILAN_SPONSOR = "bilan-sponsor"
    THANKS_MESSAGE = "thanks-message"
    THANKS_ACHIEVEMENTS = "thanks-achievements"
    # --- différends, early ends, reports, bulk pairing ---
    DISPUTE_SUMMARY = "dispute-summary"
    DISPUTE_AMICABLE = "dispute-amicable"
    DISPUTE_GO_ON = "dispute-go-on"
    DISPUTE_URGENCY = "dispute-urgency"
    IMPORT_FILE = "import-file"
    IMPORT_PASTE = "import-paste"
    PROFILE_ROLES = "profile-roles"
    PROFILE_THEMES = "profile-themes"
    PROFILE_ASPIRATION = "profile-aspiration"
    PROFILE_LEARNING = "profile-learning"
    PROFILE_MOTIVATION = "profile-motivation"
    PROFILE_EXPERTISE = "profile-expertise"
    PROFILE_CAPACITY = "profile-capacity"
    PROFILE_LANGUAGES = "profile-languages"
    PROFILE_MODES = "profile-modes"
    PROFILE_DAYS = "profile-days"
    PROFILE_WINDOWS = "profile-windows"
    PROFILE_PRESENTATION = "profile-presentation"
    PROFILE_LINK = "profile-link"
    PROFILE_TEAM = "profile-team"
    PROFILE_MANAGER = "profile-manager"
    PROFILE_AVOID = "profile-avoid"
    REQUEST_REPLY = "request-reply"
    THEMES_DEFAULTS = "themes-defaults"
    THEMES_EXTRA = "themes-extra"
    EVALUATION_RATING = "evaluation-rating"  # one per question: "evaluation-rating:<name>"
    EVALUATION_RECOMMEND = "evaluation-recommend"
    EVALUATION_SUGGESTION = "evaluation-suggestion"


class FieldId(StrEnum):
    PAIRING_MENTOR = "pairing-mentor-select"
    PAIRING_MENTEE = "pairing-mentee-select"
    PAIRING_START = "pairing-start-pick"
    PAIRING_MANAGER = "pairing-manager-select"
    MEETING_DATE = "meeting-date-pick"
    MEETING_TIME = "meeting-time-pick"
    MEETING_DURATION = "meeting-duration-select"
    MEETING_MODE = "meeting-mode-choose"
    MEETING_LOCATION = "meeting-location-input"
    MEETING_AGENDA = "meeting-agenda-input"
    MEETING_REASON = "meeting-reason-input"
    NOTE_BODY = "note-body-input"
    NOTE_SHARE = "note-share-check"
    OBJECTIVE_TITLE = "objective-title-input"
    OBJECTIVE_DESCRIPTION = "objective-description-input"
    OBJECTIVE_HORIZON = "objective-horizon-choose"
    OBJECTIVE_DUE = "objective-due-pick"
    OBJECTIVE_SUCCESS = "objective-success-input"
    OBJECTIVE_STATUS = "objective-status-choose"
    OBJECTIVE_PROGRESS = "objective-progress-select"
    OBJECTIVE_COMMENT = "objective-comment-input"
    BILAN_ANSWER = "bilan-answer-input"
    BILAN_SATISFACTION = "bilan-satisfaction-choose"
    BILAN_OBJECTIVE = "bilan-objective-select"
    BILAN_FOLLOW_UP = "bilan-follow-up-pick"
    BILAN_DECISION = "bilan-decision-choose"
    BILAN_EXTEND = "bilan-extend-select"
    BILAN_KEEP = "bilan-keep-choose"
    BILAN_SHARE = "bilan-share-check"
    BILAN_SPONSOR = "bilan-sponsor-check"
    THANKS_MESSAGE = "thanks-message-input"
    THANKS_ACHIEVEMENTS = "thanks-achievements-input"
    # --- différends, early ends, reports, bulk pairing ---
    DISPUTE_SUMMARY = "dispute-summary-input"
    DISPUTE_AMICABLE = "dispute-amicable-choose"
    DISPUTE_GO_ON = "dispute-go-on-check"
    DISPUTE_URGENCY = "dispute-urgency-choose"
    IMPORT_FILE = "import-file-pick"
    IMPORT_PASTE = "import-paste-input"
    PROFILE_ROLES = "profile-roles-check"
    PROFILE_THEMES = "profile-themes-select"
    PROFILE_ASPIRATION = "profile-aspiration-input"
    PROFILE_LEARNING = "profile-learning-input"
    PROFILE_MOTIVATION = "profile-motivation-input"
    PROFILE_EXPERTISE = "profile-expertise-input"
    PROFILE_CAPACITY = "profile-capacity-select"
    PROFILE_LANGUAGES = "profile-languages-select"
    PROFILE_MODES = "profile-modes-check"
    PROFILE_DAYS = "profile-days-check"
    PROFILE_WINDOWS = "profile-windows-check"
    PROFILE_PRESENTATION = "profile-presentation-input"
    PROFILE_LINK = "profile-link-input"
    PROFILE_TEAM = "profile-team-input"
    PROFILE_MANAGER = "profile-manager-select"
    PROFILE_AVOID = "profile-avoid-select"
    REQUEST_REPLY = "request-reply-input"
    THEMES_DEFAULTS = "themes-defaults-check"
    THEMES_EXTRA = "themes-extra-input"
    EVALUATION_RATING = "evaluation-rating-select"
    EVALUATION_RECOMMEND = "evaluation-recommend-select"
    EVALUATION_SUGGESTION = "evaluation-suggestion-input"
