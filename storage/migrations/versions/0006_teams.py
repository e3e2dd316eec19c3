"""teams

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23

Microsoft Teams: the conversation references the bot needs to message Teams users
proactively, the files offered behind expiring links (.ics, PDF), and room for Teams' longer conversation and activity ids in message_refs.
"""
from alembic import op
import sqlalchemy as sa
import storage.types


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('teams_conversations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('teams_user_id', sa.String(length=255), nullable=True),
    sa.Column('conversation_id', sa.String(length=255), nullable=False),
    sa.Column('service_url', sa.String(length=500), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.Column('bot_id', sa.String(length=255), nullable=False),
    sa.Column('reference', sa.JSON(), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_teams_conversations_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teams_conversations')),
    sa.UniqueConstraint('person_id', name=op.f('uq_teams_conversations_person_id'))
    )
    op.create_table('shared_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_shared_files_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shared_files')),
    sa.UniqueConstraint('token', name=op.f('uq_shared_files_token'))
    )
    with op.batch_alter_table('shared_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shared_files_expires_at'), ['expires_at'], unique=False)
    with op.batch_alter_table('message_refs', schema=None) as batch_op:
        batch_op.alter_column('channel', existing_type=sa.String(length=64), type_=sa.String(length=255))
        batch_op.alter_column('ts', existing_type=sa.String(length=32), type_=sa.String(length=64))


def downgrade() -> None:
    with op.batch_alter_table('message_refs', schema=None) as batch_op:
        batch_op.alter_column('ts', existing_type=sa.String(length=64), type_=sa.String(length=32))
        batch_op.alter_column('channel', existing_type=sa.String(length=255), type_=sa.String(length=64))
    op.drop_table('shared_files')
    op.drop_table('teams_conversations')
