"""programme evaluation

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03

When a convention ends, both people evaluate the programme (not the relationship, which is the bilan).
A person who asks to erase their data while a convention runs is noted, and erased once it has ended.
Each programme keeps the pairs' free text for a while after a convention ends (12 months by default).
"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('text_retention_months', sa.Integer(), server_default='12', nullable=False))
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('texts_purged_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erasure_requested_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        'programme_evaluations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('programme_id', sa.Integer(), nullable=False),
        sa.Column('convention_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('role', sa.String(length=16), nullable=False),
        sa.Column('satisfaction', sa.Integer(), nullable=False),
        sa.Column('matching', sa.Integer(), nullable=False),
        sa.Column('rhythm', sa.Integer(), nullable=False),
        sa.Column('support', sa.Integer(), nullable=False),
        sa.Column('recommend', sa.String(length=8), nullable=False),
        sa.Column('suggestion', sa.Text(), nullable=False),
        sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['convention_id'], ['conventions.id'], name=op.f('fk_programme_evaluations_convention_id_conventions'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_programme_evaluations_person_id_people'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_programme_evaluations_programme_id_programmes'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_evaluations')),
        sa.UniqueConstraint('convention_id', 'person_id', name=op.f('uq_programme_evaluations_convention_id')),
    )
    with op.batch_alter_table('programme_evaluations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_evaluations_programme_id'), ['programme_id'], unique=False)


def downgrade() -> None:
    op.drop_table('programme_evaluations')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_column('erasure_requested_at')
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.drop_column('texts_purged_at')
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.drop_column('text_retention_months')
