"""The full-text index behind site search (articles/search.py), one kind per database.

SQLite: an FTS5 table over title, standfirst and body. It is an "external content" table (it
keeps only the index and reads the text from articles_article), kept in sync by triggers, so
every write is indexed, bulk_create() and QuerySet.update() included. Note: SQLite drops a
table's triggers with the table, and Django rebuilds a table for many schema changes on
SQLite; a later migration that alters articles_article must create the triggers again
(tests/articles/test_search.py checks that they exist).

PostgreSQL: the unaccent extension, an IMMUTABLE wrapper around it (unaccent() is only STABLE,
so it cannot appear in an index), and a GIN index over the weighted tsvector, in the text
search configuration of LANGUAGE_CODE when this migration runs. search.search_document()
builds the same expression; if LANGUAGE_CODE changes later, search still works but without
the index until it is rebuilt (migrate articles 0003, then migrate again).

Neither changes the models' state: other databases get nothing.
"""

from django.conf import settings
from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

FTS_COLUMNS = "title, standfirst, body"

SQLITE_FORWARDS = [
    f"""
    CREATE VIRTUAL TABLE articles_article_fts USING fts5(
        {FTS_COLUMNS},
        content='articles_article',
        content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    f"""
    CREATE TRIGGER articles_article_fts_insert AFTER INSERT ON articles_article BEGIN
        INSERT INTO articles_article_fts(rowid, {FTS_COLUMNS})
        VALUES (new.id, new.title, new.standfirst, new.body);
    END
    """,
    f"""
    CREATE TRIGGER articles_article_fts_delete AFTER DELETE ON articles_article BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, {FTS_COLUMNS})
        VALUES ('delete', old.id, old.title, old.standfirst, old.body);
    END
    """,
    f"""
    CREATE TRIGGER articles_article_fts_update
    AFTER UPDATE OF {FTS_COLUMNS} ON articles_article BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, {FTS_COLUMNS})
        VALUES ('delete', old.id, old.title, old.standfirst, old.body);
        INSERT INTO articles_article_fts(rowid, {FTS_COLUMNS})
        VALUES (new.id, new.title, new.standfirst, new.body);
    END
    """,
    # Index the articles already there.
    "INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')",
]

SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS articles_article_fts_update",
    "DROP TRIGGER IF EXISTS articles_article_fts_delete",
    "DROP TRIGGER IF EXISTS articles_article_fts_insert",
    "DROP TABLE IF EXISTS articles_article_fts",
]

# As in articles/search.py; frozen here, as migrations should be.
TEXT_SEARCH_CONFIGS = {"en": "english", "fr": "french"}


def postgresql_forwards(schema_editor):
    config = TEXT_SEARCH_CONFIGS.get(settings.LANGUAGE_CODE.split("-")[0].lower(), "simple")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'"
        )
        (schema,) = cursor.fetchone()
    # A SQL-standard body binds unaccent and its dictionary now, whatever the search_path.
    schema_editor.execute(
        f"""
        CREATE FUNCTION articles_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        RETURN {schema}.unaccent('{schema}.unaccent'::regdictionary, $1)
        """
    )
    # Exactly what search.search_document(config) compiles to.
    document = " || ".join(
        f"setweight(to_tsvector('{config}'::regconfig, "
        f"COALESCE(articles_unaccent({column}), '')), '{weight}')"
        for column, weight in [("title", "A"), ("standfirst", "B"), ("body", "C")]
    )
    schema_editor.execute(
        f"CREATE INDEX articles_article_search_idx ON articles_article USING gin (({document}))"
    )


POSTGRESQL_BACKWARDS = [
    "DROP INDEX IF EXISTS articles_article_search_idx",
    "DROP FUNCTION IF EXISTS articles_unaccent(text)",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE_FORWARDS:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        postgresql_forwards(schema_editor)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_BACKWARDS, "postgresql": POSTGRESQL_BACKWARDS}
    for sql in statements.get(vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_image_focal_points_and_renditions"),
    ]

    operations = [
        # Does nothing on databases other than PostgreSQL.
        UnaccentExtension(),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
