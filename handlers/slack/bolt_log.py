"""Bolt's logger for the app, without the warning every start would print.

Given a client, Bolt still reads SLACK_BOT_TOKEN from the environment and warns that this token "will be
unused": at every start, since that variable is how the token is configured, and the client carries the
very same token. The warning says nothing an operator can act on; every other Bolt line is kept.
"""

from __future__ import annotations

import logging

from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped

LOGGER_NAME = "slack_bolt.mentorat"


class _TokenSkippedFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


def bolt_logger() -> logging.Logger:
    logger = logging.getLogger(LOGGER_NAME)
    if not any(isinstance(existing, _TokenSkippedFilter) for existing in logger.filters):
        logger.addFilter(_TokenSkippedFilter())
    return logger
