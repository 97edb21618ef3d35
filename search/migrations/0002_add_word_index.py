"""The word index, one per database: an FTS5 table of Danish stems on SQLite (rowid = entry
id), a GIN index on the weighted tsvector on PostgreSQL. Vendor-specific, so not in the model's
Meta; the other database gets nothing."""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, text, tokenize = 'unicode61 remove_diacritics 0')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS search_fts"
POSTGRES_CREATE = "CREATE INDEX search_entry_vector_gin ON search_entry USING gin (vector)"
POSTGRES_DROP = "DROP INDEX IF EXISTS search_entry_vector_gin"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_add_entry")]

    operations = [migrations.RunPython(create, drop)]
