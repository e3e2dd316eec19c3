"""The différend and early-end modals as submitted, and what they are about (private_metadata)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from handlers.slack.ids import BlockId, FieldId
from storage.models import DisputeKind


def _value(view: dict[str, Any], block: str, action: str) -> dict[str, Any]:
    return view.get("state", {}).get("values", {}).get(block, {}).get(action, {}) or {}


@dataclass(frozen=True)
class DisputeForm:
    summary: str
    amicable: bool | None
    go_on: bool
    urgency: str | None

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> DisputeForm:
        amicable = (_value(view, BlockId.DISPUTE_AMICABLE, FieldId.DISPUTE_AMICABLE).get("selected_option")
                    or {}).get("value")
        urgency = (_value(view, BlockId.DISPUTE_URGENCY, FieldId.DISPUTE_URGENCY).get("selected_option")
                   or {}).get("value")
        go_on = _value(view, BlockId.DISPUTE_GO_ON, FieldId.DISPUTE_GO_ON).get("selected_options") or []
        return cls(summary=_value(view, BlockId.DISPUTE_SUMMARY, FieldId.DISPUTE_SUMMARY).get("value") or "",
                   amicable={"yes": True, "no": False}.get(amicable or ""), go_on=bool(go_on), urgency=urgency)


@dataclass(frozen=True)
class DisputeContext:
    """Kept in private_metadata: the workspace and the convention the modal is about."""

    team_id: str
    kind: str
    convention_id: int

    def dumps(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def loads(cls, raw: str | None) -> DisputeContext | None:
        try:
            data = json.loads(raw or "")
            kind, convention_id = DisputeKind(data["kind"]), data["convention_id"]
            if type(convention_id) is not int or not 0 < convention_id < 2**53:
                return None  # not what the bot wrote
            return cls(team_id=str(data["team_id"]), kind=kind, convention_id=convention_id)
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
