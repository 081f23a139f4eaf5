"""Migration operations that only run on PostgreSQL and do nothing on SQLite."""

from django.db import migrations


class PostgreSQLOnlySQL(migrations.RunSQL):
    """RunSQL that is skipped on any other database (SQLite, for development, has no tsvector or pg_trgm)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
