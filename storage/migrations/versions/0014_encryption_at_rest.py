"""encryption at rest

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03

Every column that holds text people type is sealed with the key of MENTORAT_DATA_KEY (storage/crypto.py).
The few that were bounded strings, and the bilan's JSON answers, become text (a sealed value is longer);
then what was written before is sealed in place, in batches (storage/rotation.py).
"""
from alembic import op
import sqlalchemy as sa

from storage.rotation import Sealed, reseal_connection


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

TEXT = [
    ('profiles', 'aspiration'), ('profiles', 'motivation'), ('profiles', 'expertise'), ('profiles', 'learning'),
    ('profiles', 'presentation'), ('profiles', 'link'), ('profiles', 'team'),
    ('notes', 'body'), ('meetings', 'location'), ('meetings', 'agenda'), ('meetings', 'reason'),
    ('conventions', 'next_agenda'), ('objectives', 'title'), ('objectives', 'description'),
    ('objectives', 'success_measure'), ('objective_updates', 'comment'), ('bilans', 'answers'),
    ('gratitudes', 'message'), ('gratitudes', 'achievements'), ('disputes', 'summary'),
    ('mentor_requests', 'reply'), ('programme_evaluations', 'suggestion'),
]
BYTES = [('shared_files', 'content')]
WIDENED = [('meetings', 'location', sa.String(500)), ('objectives', 'title', sa.String(200)),
           ('profiles', 'link', sa.String(500)), ('profiles', 'team', sa.String(200))]


def upgrade() -> None:
    for table, column, old in WIDENED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(column, existing_type=old, type_=sa.Text())
    with op.batch_alter_table('bilans', schema=None) as batch_op:
        batch_op.alter_column('answers', existing_type=sa.JSON(), type_=sa.Text(), postgresql_using='answers::text')
    reseal_connection(op.get_bind(), [Sealed(t, c, 'text') for t, c in TEXT] + [Sealed(t, c, 'bytes') for t, c in BYTES])


def downgrade() -> None:
    raise NotImplementedError("sealed text cannot be unsealed by a migration: restore a backup instead")
