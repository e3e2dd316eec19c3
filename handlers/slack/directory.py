"""Who a Slack user is, read from users.info (name, time zone, locale, admin, bot)."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services.errors import InvalidInput
from bot.services.people import PersonProfile


def fetch_profile(client: WebClient, user_id: str, *, field: str | None = None) -> PersonProfile:
    try:
        user = client.users_info(user=user_id, include_locale=True)["user"]
    except SlackApiError as exc:
        if exc.response.get("error") in ("user_not_found", "users_not_found"):
            raise InvalidInput("error.pair.unknown_user", field=field) from exc
        raise
    profile = user.get("profile") or {}
    # The full name first: it is what a report or a history line should read (display names are handles).
    name = user.get("real_name") or profile.get("real_name") or profile.get("display_name") or user.get("name", "")
    return PersonProfile(
        external_id=user["id"],
        name=name,
        timezone=user.get("tz"),
        locale=user.get("locale"),
        is_admin=bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner")),
        is_bot=bool(user.get("is_bot") or user.get("is_app_user")) or user["id"] == "USLACKBOT",
        deleted=bool(user.get("deleted")),
    )
