"""The properties each Adaptive Card 1.5 object may have, as the official schema lists them.

Source: the Adaptive Cards 1.5 JSON schema, http://adaptivecards.io/schemas/1.5.0/adaptive-card.json
(microsoft/AdaptiveCards, schemas/1.5.0/adaptive-card.json), where every object is
`additionalProperties: false`: a property an element does not have makes the card invalid, and Teams
shows it wrong or not at all (`isSubtle` belongs to a TextBlock or a TextRun, never to a RichTextBlock).
The additions are Teams' own extensions, documented by Microsoft for Teams cards: `msteams` on the card
(width, mentions) and `choices.data` on an Input.ChoiceSet (the people picker's Graph query).
"""

from __future__ import annotations

from typing import Any

_ELEMENT = frozenset({"type", "fallback", "height", "id", "isVisible", "requires", "separator", "spacing"})
_INPUT = _ELEMENT | {"errorMessage", "isRequired", "label", "value"}
_ACTION = frozenset({"type", "fallback", "iconUrl", "id", "isEnabled", "mode", "requires", "style", "title", "tooltip"})
_TEXT_STYLE = frozenset({"color", "fontType", "isSubtle", "size", "weight"})  # a TextBlock's and a TextRun's
_BOX = frozenset({"backgroundImage", "bleed", "items", "minHeight", "rtl", "selectAction", "style",
                  "verticalContentAlignment"})
_CELL_ALIGNMENT = frozenset({"horizontalCellContentAlignment", "verticalCellContentAlignment"})

PROPERTIES: dict[str, frozenset[str]] = {
    "AdaptiveCard": frozenset({"type", "$schema", "version", "body", "actions", "authentication", "backgroundImage",
                               "fallbackText", "lang", "minHeight", "refresh", "rtl", "selectAction", "speak",
                               "verticalContentAlignment", "msteams"}),
    "TextBlock": _ELEMENT | _TEXT_STYLE | {"text", "horizontalAlignment", "maxLines", "style", "wrap"},
    "RichTextBlock": _ELEMENT | {"inlines", "horizontalAlignment"},
    "TextRun": _TEXT_STYLE | {"type", "text", "highlight", "italic", "selectAction", "strikethrough", "underline"},
    "Image": _ELEMENT | {"url", "altText", "backgroundColor", "horizontalAlignment", "selectAction", "size", "style",
                         "width"},
    "Media": _ELEMENT | {"sources", "poster", "altText"},
    "ActionSet": _ELEMENT | {"actions"},
    "Container": _ELEMENT | _BOX,
    "ColumnSet": _ELEMENT | {"columns", "bleed", "horizontalAlignment", "minHeight", "selectAction", "style"},
    "Column": (_ELEMENT - {"height"}) | _BOX | {"width"},
    "FactSet": _ELEMENT | {"facts"},
    "Fact": frozenset({"type", "title", "value"}),
    "ImageSet": _ELEMENT | {"images", "imageSize"},
    "Table": _ELEMENT | _CELL_ALIGNMENT | {"columns", "rows", "firstRowAsHeader", "gridStyle", "showGridLines"},
    "TableRow": _CELL_ALIGNMENT | {"type", "cells", "style"},
    "TableCell": _BOX | {"type"},
    "Input.Text": _INPUT | {"inlineAction", "isMultiline", "maxLength", "placeholder", "regex", "style"},
    "Input.Number": _INPUT | {"max", "min", "placeholder"},
    "Input.Date": _INPUT | {"max", "min", "placeholder"},
    "Input.Time": _INPUT | {"max", "min", "placeholder"},
    "Input.Toggle": _INPUT | {"title", "valueOff", "valueOn", "wrap"},
    "Input.ChoiceSet": _INPUT | {"choices", "isMultiSelect", "placeholder", "style", "wrap", "choices.data"},
    "Input.Choice": frozenset({"type", "title", "value"}),
    "Action.OpenUrl": _ACTION | {"url"},
    "Action.Submit": _ACTION | {"data", "associatedInputs"},
    "Action.ShowCard": _ACTION | {"card"},
    "Action.ToggleVisibility": _ACTION | {"targetElements"},
    "Action.Execute": _ACTION | {"data", "associatedInputs", "verb"},
}


def unknown_properties(node: Any, kind: str, at: str) -> list[str]:
    """One sentence per property the 1.5 schema does not give `kind` (nothing for a kind it does not list)."""
    allowed = PROPERTIES.get(kind)
    if allowed is None or not isinstance(node, dict):
        return []
    return [f"{at}.{key}: {kind} has no such property in Adaptive Cards 1.5" for key in node if key not in allowed]
