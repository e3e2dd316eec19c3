"""Modal state parsed once into dataclasses; private_metadata is a serialised dataclass."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from handlers.slack.ids import BlockId, FieldId


def _value(view: dict[str, Any], block: str, action: str) -> dict[str, Any]:
    return view.get("state", {}).get("values", {}).get(block, {}).get(action, {}) or {}


@dataclass(frozen=True)
class PairingForm:
    mentor: str | None
    mentee: str | None
    start: date | None
    start_raw: str | None

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> PairingForm:
        raw = _value(view, BlockId.PAIRING_START, FieldId.PAIRING_START).get("selected_date")
        try:
            start = date.fromisoformat(raw) if raw else None
        except ValueError:
            start = None
        return cls(
            mentor=_value(view, BlockId.PAIRING_MENTOR, FieldId.PAIRING_MENTOR).get("selected_user"),
            mentee=_value(view, BlockId.PAIRING_MENTEE, FieldId.PAIRING_MENTEE).get("selected_user"),
            start=start,
            start_raw=raw,
        )


@dataclass(frozen=True)
class ModalOrigin:
    """Where a modal was opened from, kept in private_metadata."""

    team_id: str
    channel_id: str | None = None

    def dumps(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def loads(cls, raw: str | None) -> ModalOrigin | None:
        if not raw:
            return None
        try:
            data = json.loads(raw)
            return cls(team_id=str(data["team_id"]), channel_id=data.get("channel_id"))
        except (ValueError, KeyError, TypeError):
            return None
