"""The Slack OAuth tables (installations, bots, pending states), as slack_sdk's SQLAlchemy stores define them.

They join the models' metadata so that Alembic creates them (migration 0007) and the schema test
compares them; the stores themselves (handlers/slack/oauth.py) query tables of the same shape.
"""

from __future__ import annotations

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import MetaData, Table

INSTALLATIONS = SQLAlchemyInstallationStore.default_installations_table_name
BOTS = SQLAlchemyInstallationStore.default_bots_table_name
STATES = SQLAlchemyOAuthStateStore.default_table_name


def add_slack_oauth_tables(metadata: MetaData) -> tuple[Table, Table, Table]:
    return (
        SQLAlchemyInstallationStore.build_installations_table(metadata, INSTALLATIONS),
        SQLAlchemyInstallationStore.build_bots_table(metadata, BOTS),
        SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, STATES),
    )
