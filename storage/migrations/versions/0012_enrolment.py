"""enrolment, profiles and matching

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03

People enrol with a profile; the coordination pairs them from suggestions (match_decisions keeps what
it did with each), or a mentee asks a mentor (mentor_requests). A mentor may now have several mentees
at once, up to their profile's capacity: the unique index on a mentor's open convention goes, and the
pairing checks the capacity under a lock on the mentor's row.
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

_OPEN = "status IN ('draft', 'awaiting_signatures', 'active', 'closing')"
_PENDING = "status IN ('asked', 'agreed')"


def upgrade() -> None:
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('themes', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('enrolment_open', sa.Boolean(), server_default=sa.text('true'), nullable=False))
        batch_op.add_column(sa.Column('enrolment_reopens_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('mentee_choice', sa.String(length=16), server_default='off', nullable=False))
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.drop_index('uq_conventions_open_mentor', sqlite_where=sa.text(_OPEN), postgresql_where=sa.text(_OPEN))

    op.create_table(
        'profiles',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('programme_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('as_mentor', sa.Boolean(), nullable=False),
        sa.Column('as_mentee', sa.Boolean(), nullable=False),
        sa.Column('themes', sa.JSON(), nullable=False),
        sa.Column('aspiration', sa.Text(), nullable=False),
        sa.Column('motivation', sa.Text(), nullable=False),
        sa.Column('expertise', sa.Text(), nullable=False),
        sa.Column('learning', sa.Text(), nullable=False),
        sa.Column('languages', sa.JSON(), nullable=False),
        sa.Column('modes', sa.JSON(), nullable=False),
        sa.Column('days', sa.JSON(), nullable=False),
        sa.Column('windows', sa.JSON(), nullable=False),
        sa.Column('timezone', sa.String(length=64), nullable=False),
        sa.Column('capacity', sa.Integer(), nullable=False),
        sa.Column('presentation', sa.Text(), nullable=False),
        sa.Column('link', sa.String(length=500), nullable=False),
        sa.Column('team', sa.String(length=200), nullable=False),
        sa.Column('manager_id', sa.Integer(), nullable=True),
        sa.Column('avoid_id', sa.Integer(), nullable=True),
        sa.Column('enrolled_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('announced_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('loaded_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['avoid_id'], ['people.id'], name=op.f('fk_profiles_avoid_id_people'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['loaded_by_id'], ['people.id'], name=op.f('fk_profiles_loaded_by_id_people'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['manager_id'], ['people.id'], name=op.f('fk_profiles_manager_id_people'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_profiles_person_id_people'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_profiles_programme_id_programmes'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_profiles')),
        sa.UniqueConstraint('programme_id', 'person_id', name=op.f('uq_profiles_programme_id')),
    )
    with op.batch_alter_table('profiles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profiles_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_profiles_programme_id'), ['programme_id'], unique=False)

    op.create_table(
        'match_decisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('programme_id', sa.Integer(), nullable=False),
        sa.Column('mentee_id', sa.Integer(), nullable=False),
        sa.Column('mentor_id', sa.Integer(), nullable=False),
        sa.Column('suggested_mentor_id', sa.Integer(), nullable=True),
        sa.Column('outcome', sa.String(length=16), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['decided_by_id'], ['people.id'], name=op.f('fk_match_decisions_decided_by_id_people'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['mentee_id'], ['people.id'], name=op.f('fk_match_decisions_mentee_id_people'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['mentor_id'], ['people.id'], name=op.f('fk_match_decisions_mentor_id_people'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_match_decisions_programme_id_programmes'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['suggested_mentor_id'], ['people.id'], name=op.f('fk_match_decisions_suggested_mentor_id_people'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_match_decisions')),
    )
    with op.batch_alter_table('match_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_match_decisions_programme_id'), ['programme_id'], unique=False)

    op.create_table(
        'mentor_requests',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('programme_id', sa.Integer(), nullable=False),
        sa.Column('mentee_id', sa.Integer(), nullable=False),
        sa.Column('mentor_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('reply', sa.Text(), nullable=False),
        sa.Column('asked_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['mentee_id'], ['people.id'], name=op.f('fk_mentor_requests_mentee_id_people'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['mentor_id'], ['people.id'], name=op.f('fk_mentor_requests_mentor_id_people'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_mentor_requests_programme_id_programmes'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_mentor_requests')),
    )
    with op.batch_alter_table('mentor_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentor_requests_mentor_id'), ['mentor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentor_requests_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index('uq_mentor_requests_pending', ['programme_id', 'mentee_id'], unique=True,
                              sqlite_where=sa.text(_PENDING), postgresql_where=sa.text(_PENDING))


def downgrade() -> None:
    op.drop_table('mentor_requests')
    op.drop_table('match_decisions')
    op.drop_table('profiles')
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.create_index('uq_conventions_open_mentor', ['programme_id', 'mentor_id'], unique=True,
                              sqlite_where=sa.text(_OPEN), postgresql_where=sa.text(_OPEN))
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.drop_column('mentee_choice')
        batch_op.drop_column('enrolment_reopens_on')
        batch_op.drop_column('enrolment_open')
        batch_op.drop_column('themes')
