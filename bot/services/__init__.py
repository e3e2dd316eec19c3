"""The mentoring rules. No chat SDK is imported here: services take a session and a clock."""
