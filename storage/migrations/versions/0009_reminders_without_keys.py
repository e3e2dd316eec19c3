"""reminders without foreign keys

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23

Reminders: the outbox drops its foreign keys and its index on every recipient. A planner
pass may write 200,000 rows at once; on PostgreSQL each key cost a check and a row lock per row,
about 40 % of the pass. The daily cap, the one query by recipient alone, reads sent rows only, so
a partial index of those replaces the full one. The person's reminders are deleted with them in
code (bot.services.people.forget_people).
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

KEYS = (
    ('fk_reminders_recipient_id_people', 'people', 'recipient_id'),
    ('fk_reminders_convention_id_conventions', 'conventions', 'convention_id'),
    ('fk_reminders_meeting_id_meetings', 'meetings', 'meeting_id'),
)
SENT = sa.text("status = 'sent'")


def upgrade() -> None:
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        for name, _, _ in KEYS:
            batch_op.drop_constraint(name, type_='foreignkey')
        batch_op.drop_index('ix_reminders_recipient_id')
        batch_op.create_index('ix_reminders_sent_to', ['recipient_id', 'sent_at'], unique=False,
                              postgresql_where=SENT, sqlite_where=SENT)


def downgrade() -> None:
    # Rows left by deleted people or meetings (delivery cancels them) would break the keys.
    for _, table, column in KEYS:
        op.execute(f'DELETE FROM reminders WHERE {column} IS NOT NULL '
                   f'AND {column} NOT IN (SELECT id FROM {table})')
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.drop_index('ix_reminders_sent_to', postgresql_where=SENT, sqlite_where=SENT)
        batch_op.create_index('ix_reminders_recipient_id', ['recipient_id'], unique=False)
        for name, table, column in KEYS:
            batch_op.create_foreign_key(name, table, [column], ['id'], ondelete='CASCADE')
