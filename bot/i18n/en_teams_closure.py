"""Teams texts: review, thanks, report and import (English)."""

TEXTS: dict[str, str] = {
}
