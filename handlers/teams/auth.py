"""Bot Framework authentication from the settings: MSAL with the Azure Bot's app registration,
or nothing at all when Teams runs offline (tests, the demo) against a local Bot Connector."""

from __future__ import annotations

from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.core import RestChannelServiceClientFactory, TurnContext, UserTokenClient
from microsoft_agents.hosting.core.authorization import AgentAuthConfiguration, AuthTypes, ClaimsIdentity, Connections

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


class _OfflineClientFactory(RestChannelServiceClientFactory):
    """Authentication off: the SDK would still ask for a user-token client token on proactive sends."""

    async def create_user_token_client(self, context: TurnContext, claims_identity: ClaimsIdentity,
                                       use_anonymous: bool = False) -> UserTokenClient:
        return await super().create_user_token_client(context, claims_identity, use_anonymous=True)


def client_factory(settings: Settings) -> RestChannelServiceClientFactory:
    """The SDK's factory of Bot Connector clients, with MSAL tokens (or none when offline)."""
    if not settings.has_teams_settings:
        return _OfflineClientFactory(AnonymousConnections())
    return RestChannelServiceClientFactory(connections(settings))


def connections(settings: Settings) -> Connections:
    if not settings.has_teams_settings:
        return AnonymousConnections()
    return MsalConnectionManager(connections_configurations={"SERVICE_CONNECTION": auth_configuration(settings)})
