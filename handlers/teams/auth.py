"""Bot Framework authentication from the settings: MSAL with the Azure Bot's app registration,
or nothing at all when Teams runs offline (tests, the demo) against a local Bot Connector."""

from __future__ import annotations

from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.core.authorization import AgentAuthConfiguration, AuthTypes, Connections

from bot.config import Settings
from handlers.teams.runtime import AnonymousConnections


def auth_configuration(settings: Settings) -> AgentAuthConfiguration:
    if not settings.has_teams_settings:
        return AgentAuthConfiguration(anonymous_allowed=True)
    return AgentAuthConfiguration(
        auth_type=AuthTypes.client_secret,
        client_id=settings.microsoft_app_id,
        tenant_id=settings.microsoft_app_tenant_id,
        client_secret=settings.microsoft_app_password,
        anonymous_allowed=False,
    )


def connections(settings: Settings) -> Connections:
    if not settings.has_teams_settings:
        return AnonymousConnections()  # type: ignore[return-value]
    return MsalConnectionManager(connections_configurations={"SERVICE_CONNECTION": auth_configuration(settings)})
