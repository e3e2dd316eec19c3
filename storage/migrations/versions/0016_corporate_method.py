"""the corporate method: a programme option, and the mentee's manager on a convention

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04

A programme run with the corporate method pairs with an optional third person, the mentee's manager,
who joins the three-way start (a meeting `with_manager`). Nothing changes for the programmes that leave it off.
"""

from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('corporate_method', sa.Boolean(), server_default=sa.text('false'),
                                      nullable=False))
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('manager_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_conventions_manager_id_people'), 'people', ['manager_id'],
                                    ['id'], ondelete='SET NULL')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('with_manager', sa.Boolean(), server_default=sa.text('false'), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_column('with_manager')
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_conventions_manager_id_people'), type_='foreignkey')
        batch_op.drop_column('manager_id')
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.drop_column('corporate_method')
