"""Typed domain errors. Each carries an i18n key and parameters; handlers turn it into a message.

`field` names the form field a validation error belongs to, so a modal can show it in place.
"""

from __future__ import annotations


class DomainError(Exception):
    def __init__(self, key: str, *, field: str | None = None, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.field = field
        self.params = params


class InvalidInput(DomainError):
    pass


class NotAllowed(DomainError):
    pass


class NotFound(DomainError):
    pass


class Conflict(DomainError):
    pass
