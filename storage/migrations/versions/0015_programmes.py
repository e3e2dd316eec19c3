"""programmes set up by their coordinators, with versioned conventions

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03

A workspace runs several programmes, each with a description, a cohort start, an enrolment window and an
archive date, and how long its audit trail is kept. Each programme's convention has versions (its terms and its programme-specific wording);
every convention points to the version its pair accepted. The existing programmes get a first version
with their present settings, and every existing convention points to it: nothing signed changes.
"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('description', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('enrolment_closes_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('cohort_starts_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('convention_parts', sa.JSON(), server_default=sa.text("'{}'"),
                                      nullable=False))
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('audit_retention_months', sa.Integer(), server_default='36', nullable=False))
    op.create_table(
        'convention_versions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('programme_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('programme_name', sa.String(length=200), nullable=False),
        sa.Column('length_months', sa.Integer(), nullable=False),
        sa.Column('meeting_every_days', sa.Integer(), nullable=False),
        sa.Column('meeting_min_minutes', sa.Integer(), nullable=False),
        sa.Column('meeting_max_minutes', sa.Integer(), nullable=False),
        sa.Column('closing_notice_days', sa.Integer(), nullable=False),
        sa.Column('text_retention_months', sa.Integer(), server_default='12', nullable=False),
        sa.Column('audit_retention_months', sa.Integer(), server_default='36', nullable=False),
        sa.Column('parts', sa.JSON(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['created_by_id'], ['people.id'], name=op.f('fk_convention_versions_created_by_id_people'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_convention_versions_programme_id_programmes'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_convention_versions')),
        sa.UniqueConstraint('programme_id', 'number', name=op.f('uq_convention_versions_programme_id')),
    )
    op.create_table(
        'programme_choices',
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('programme_id', sa.Integer(), nullable=False),
        sa.Column('chosen_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_programme_choices_person_id_people'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_programme_choices_programme_id_programmes'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('person_id', name=op.f('pk_programme_choices')),
    )

    # Version 1 of each programme: the terms its conventions were sent with until now.
    now = datetime.now(timezone.utc)
    op.execute(sa.text(
        "INSERT INTO convention_versions (programme_id, number, programme_name, length_months, meeting_every_days,"
        " meeting_min_minutes, meeting_max_minutes, closing_notice_days, text_retention_months, parts, created_at)"
        " SELECT id, 1, name, length_months, meeting_every_days, meeting_min_minutes, meeting_max_minutes,"
        " closing_notice_days, text_retention_months, '{}', :now FROM programmes").bindparams(now=now))
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version_id', sa.Integer(), nullable=True))
    op.execute(sa.text(
        "UPDATE conventions SET version_id = (SELECT v.id FROM convention_versions v"
        " WHERE v.programme_id = conventions.programme_id AND v.number = 1)"))
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.alter_column('version_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f('ix_conventions_version_id'), ['version_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_conventions_version_id_convention_versions'),
                                    'convention_versions', ['version_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_conventions_version_id_convention_versions'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_conventions_version_id'))
        batch_op.drop_column('version_id')
    op.drop_table('programme_choices')
    op.drop_table('convention_versions')
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.drop_column('audit_retention_months')
        batch_op.drop_column('archived_at')
        batch_op.drop_column('convention_parts')
        batch_op.drop_column('cohort_starts_on')
        batch_op.drop_column('enrolment_closes_on')
        batch_op.drop_column('description')
