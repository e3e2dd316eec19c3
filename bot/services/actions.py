"""Action keys carried by platform-neutral buttons; each platform maps them to its own ids."""

CONVENTION_ACCEPT = "convention-accept"
CONVENTION_QUESTION = "convention-question"
NUDGE_PLAN_MEETING = "nudge-meeting-plan"
