"""Action keys carried by platform-neutral buttons; each platform maps them to its own ids."""

CONVENTION_ACCEPT = "convention-accept"
CONVENTION_QUESTION = "convention-question"
NUDGE_PLAN_MEETING = "nudge-meeting-plan"
MEETING_CONFIRM = "meeting-proposal-confirm"
MEETING_COUNTER = "meeting-proposal-counter"
MEETING_PLAN = "meeting-plan-open"
MEETING_MOVE = "meeting-move-open"
MEETING_CANCEL = "meeting-cancel-open"
MEETING_ICS = "meeting-ics-send"
MEETING_HELD = "meeting-checkin-held"
MEETING_POSTPONED = "meeting-checkin-postponed"
MEETING_MISSED = "meeting-checkin-missed"
AGENDA_WRITE = "agenda-write-open"
NOTE_WRITE = "note-write-open"
OBJECTIVES_SHOW = "objectives-list-show"
OBJECTIVE_ADD = "objective-add-open"
OBJECTIVE_UPDATE = "objective-update-open"
OBJECTIVE_FEEDBACK = "objective-feedback-open"
OBJECTIVE_HISTORY = "objective-history-show"
BILAN_OPEN = "bilan-form-open"
BILAN_SHOW = "bilan-answers-show"
BILAN_REPORT = "bilan-report-send"
THANKS_WRITE = "thanks-form-open"
NEWS_WRITE = "news-form-open"
# --- différends, early ends, reports, bulk pairing ---
DISPUTE_TAKE = "dispute-case-take"
DISPUTE_MEET = "dispute-meeting-request"
DISPUTE_RESOLVE = "dispute-case-resolve"
EARLY_END_CONFIRM = "early-end-request-confirm"
EARLY_END_WITHDRAW = "early-end-request-withdraw"
REPORT_SEND = "report-full-send"
# Enrolment, profiles and matching.
ENROL = "enrolment-form-open"  # value: "mentor" | "mentee"
ENROL_WITHDRAW = "enrolment-withdraw"
PROFILE_EDIT = "profile-form-open"
SUGGESTIONS_SHOW = "match-suggestions-show"
MATCH_ACCEPT = "match-pair-accept"  # value: "<mentee id>:<mentor id>:<suggested mentor id>"
MATCH_ACCEPT_ALL = "match-pairs-accept-all"  # value: "<mentee>:<mentor>,..."
MATCH_REJECT = "match-pair-reject"  # value: "<mentee id>:<mentor id>"
MATCH_SWAP = "match-pair-swap"  # a pick among the alternatives: "<mentee id>:<mentor id>:<suggested mentor id>"
MENTOR_ASK = "match-mentor-ask"  # value: the mentor's person id
REQUEST_AGREE = "mentor-request-agree"  # value: the request id; opens the answer form
REQUEST_DECLINE = "mentor-request-decline"
REQUEST_CONFIRM = "mentor-request-confirm"
REQUEST_REFUSE = "mentor-request-refuse"
EVALUATION_OPEN = "evaluation-form-open"  # value: the convention id
THEMES_OPEN = "themes-form-open"
REQUEST_CANCEL = "mentor-request-cancel"  # the mentee's, value: the request id
ERASE_CONFIRM = "my-data-erase-confirm"  # « Effacer mes données », after the explanation
# --- programmes ---
PROGRAMME_CHOOSE = "programme-choose"
PROGRAMME_EDIT = "programme-edit-open"
PROGRAMME_NEW = "programme-new-open"
PROGRAMME_ARCHIVE = "programme-archive"
PROGRAMME_RESTORE = "programme-restore"
PROGRAMMES_SHOW = "programmes-list-show"
# "Which convention?": value "<sub-command>:<convention id>"; the id is checked again with the policy.
CONVENTION_CHOOSE = "convention-choose"
# --- the corporate method's road map ---
ROADMAP_EDIT = "road-map-edit-open"  # value: the convention id
ROADMAP_CONFIRM = "road-map-confirm"  # value: "<convention id>:<version read>"
MILESTONE_RECORD = "milestone-record-open"  # the mentor's, value: the milestone id
MILESTONE_SHARE = "milestone-share"  # the mentee's, value: the milestone id
MILESTONE_KEEP = "milestone-keep"  # the mentee's: the manager learns only that it was held
# --- the corporate method's synthesis report ---
SYNTHESIS_EDIT = "synthesis-edit-open"  # the mentor's, value: the convention id
SYNTHESIS_APPROVE_ALL = "synthesis-approve-manager"  # the mentee's, value: "<convention id>:<version>"
SYNTHESIS_APPROVE = "synthesis-approve"  # the mentee's: approved, not for the manager
SYNTHESIS_CHANGES = "synthesis-changes-open"  # the mentee's: a comment back to the mentor
