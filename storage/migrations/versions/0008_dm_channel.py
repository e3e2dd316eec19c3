"""dm channel

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23

Reminders: each person's Slack DM channel, learnt from the first message, so that no
worker process calls conversations.open again for them.
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dm_channel', sa.String(length=32), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_column('dm_channel')

