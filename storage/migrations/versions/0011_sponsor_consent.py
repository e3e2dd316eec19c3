"""sponsor consent

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03

Each side's agreement to send the final report to the sponsor names that sponsor: a sponsor changed
after someone answered was not agreed to. Existing agreements are taken as given to the current one.
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('bilans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sponsor_consented_id', sa.Integer(), nullable=True))
    op.execute(
        "UPDATE bilans SET sponsor_consented_id = ("
        " SELECT programmes.sponsor_id FROM conventions JOIN programmes ON programmes.id = conventions.programme_id"
        " WHERE conventions.id = bilans.convention_id)"
        " WHERE sponsor_ok"
    )


def downgrade() -> None:
    with op.batch_alter_table('bilans', schema=None) as batch_op:
        batch_op.drop_column('sponsor_consented_id')
