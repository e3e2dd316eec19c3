"""the corporate method: a programme option, and the mentee's manager on a convention

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04

A programme run with the corporate method pairs with an optional third person, the mentee's manager,
who joins the three-way start (a meeting `with_manager`). Nothing changes for the programmes that leave it off.
"""

from alembic import op
import sqlalchemy as sa

from storage.crypto import EncryptedText


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('corporate_method', sa.Boolean(), server_default=sa.text('false'),
                                      nullable=False))
        batch_op.add_column(sa.Column('restitution_coordinator', sa.Boolean(), server_default=sa.text('false'),
                                      nullable=False))
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('manager_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('restitution_held_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_conventions_manager_id_people'), 'people', ['manager_id'],
                                    ['id'], ondelete='SET NULL')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('with_manager', sa.Boolean(), server_default=sa.text('false'), nullable=False))
        batch_op.add_column(sa.Column('restitution', sa.Boolean(), server_default=sa.text('false'), nullable=False))
    op.create_table(
        'road_maps',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('convention_id', sa.Integer(), nullable=False),
        sa.Column('axes', EncryptedText(), nullable=False),
        sa.Column('strategies', EncryptedText(), nullable=False),
        sa.Column('planned_hours', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('written_by_id', sa.Integer(), nullable=True),
        sa.Column('written_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('mentee_confirmed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('manager_confirmed_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['convention_id'], ['conventions.id'], name=op.f('fk_road_maps_convention_id_conventions'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['written_by_id'], ['people.id'], name=op.f('fk_road_maps_written_by_id_people'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_road_maps')),
        sa.UniqueConstraint('convention_id', name=op.f('uq_road_maps_convention_id')),
    )
    op.create_table(
        'milestones',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('convention_id', sa.Integer(), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('title', EncryptedText(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('held_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('on_track', sa.Boolean(), nullable=True),
        sa.Column('hours_so_far', sa.Integer(), nullable=True),
        sa.Column('sharing', sa.String(length=16), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['convention_id'], ['conventions.id'], name=op.f('fk_milestones_convention_id_conventions'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_milestones')),
    )
    op.create_index(op.f('ix_milestones_convention_id'), 'milestones', ['convention_id'], unique=False)
    op.create_table(
        'programme_direction',
        sa.Column('programme_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_programme_direction_person_id_people'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_programme_direction_programme_id_programmes'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('programme_id', 'person_id', name=op.f('pk_programme_direction')),
    )
    op.create_table(
        'syntheses',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('convention_id', sa.Integer(), nullable=False),
        sa.Column('points', EncryptedText(), nullable=False),
        sa.Column('results', EncryptedText(), nullable=False),
        sa.Column('axes', EncryptedText(), nullable=False),
        sa.Column('follow_up', EncryptedText(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('comment', EncryptedText(), nullable=True),
        sa.Column('to_manager', sa.Boolean(), nullable=False),
        sa.Column('written_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['convention_id'], ['conventions.id'], name=op.f('fk_syntheses_convention_id_conventions'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_syntheses')),
        sa.UniqueConstraint('convention_id', name=op.f('uq_syntheses_convention_id')),
    )


def downgrade() -> None:
    op.drop_table('syntheses')
    op.drop_table('programme_direction')
    op.drop_index(op.f('ix_milestones_convention_id'), table_name='milestones')
    op.drop_table('milestones')
    op.drop_table('road_maps')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_column('restitution')
        batch_op.drop_column('with_manager')
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_conventions_manager_id_people'), type_='foreignkey')
        batch_op.drop_column('restitution_held_at')
        batch_op.drop_column('manager_id')
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.drop_column('restitution_coordinator')
        batch_op.drop_column('corporate_method')
