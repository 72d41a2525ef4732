"""The database backend's full-text table: SQLite FTS5 or a PostgreSQL tsvector with GIN.

No foreign key: Django does not know this table, so a flush (tests) must be able to empty
search_searchentry without it; the backend deletes its rows itself and ignores orphans.
"""

from django.db import migrations

SQLITE_UP = """
CREATE VIRTUAL TABLE IF NOT EXISTS search_fulltext USING fts5(
    title, topics, summary, body, tokenize = 'unicode61 remove_diacritics 2'
)
"""
POSTGRES_UP = [
    """CREATE TABLE IF NOT EXISTS search_fulltext (
        entry_id bigint PRIMARY KEY,
        document tsvector NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS search_fulltext_gin ON search_fulltext USING gin (document)",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute(SQLITE_UP)
        elif vendor == "postgresql":
            for statement in POSTGRES_UP:
                cursor.execute(statement)


def drop(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS search_fulltext")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_entries_and_synonyms")]
    operations = [migrations.RunPython(create, drop)]
