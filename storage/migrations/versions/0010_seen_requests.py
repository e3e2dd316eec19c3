"""seen requests

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03

Signed requests and Slack events already carried out, so that a replay within the signature
window (or Slack's retry of an event) has no second effect, whichever replica receives it.
"""
from alembic import op
import sqlalchemy as sa

import storage.types


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'seen_requests',
        sa.Column('key', sa.String(length=80), nullable=False),
        sa.Column('seen_at', storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_seen_requests')),
    )
    op.create_index(op.f('ix_seen_requests_seen_at'), 'seen_requests', ['seen_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_seen_requests_seen_at'), table_name='seen_requests')
    op.drop_table('seen_requests')
