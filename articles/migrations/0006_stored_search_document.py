"""PostgreSQL: each article's search document, stored and indexed, so the body is ranked too.

Until now the GIN index of migration 0004 was built over an expression, and an expression
index stores no document: ranking had to rebuild each match's tsvector, too slow with the
body, which was therefore left out of the rank. This migration stores the document in
articles_article.search_document (title weighted A, standfirst B, body C, unaccented by
articles_unaccent()), indexes that column with GIN under the same name,
articles_article_search_idx, and drops the expression index.

- A trigger keeps the column, so every write counts, bulk_create() and QuerySet.update()
  included; it rebuilds the document when a write changes the title, standfirst or body.
  It fires on every update and compares the three itself: PostgreSQL refuses to change the
  type of a column that a generated column, or a trigger's UPDATE OF list, depends on, and a
  later migration widening the title would fail.
- articles_search_config() holds the text search configuration of LANGUAGE_CODE when this
  migration runs; the trigger and the site's queries both call it, so they cannot disagree.
  To follow a new LANGUAGE_CODE, migrate articles 0005 and migrate again: the documents are
  rebuilt in the new configuration.
- The column is not a field of the model: Django never reads it, so pages do not load the
  documents, and other databases get nothing. On SQLite this migration does nothing at all
  (its FTS5 index already ranks the body), so articles_article is not rebuilt and keeps the
  triggers of migration 0004.
"""

from django.conf import settings
from django.db import migrations

# As in migration 0004; frozen here, as migrations should be.
TEXT_SEARCH_CONFIGS = {"en": "english", "fr": "french"}
WEIGHTED_COLUMNS = [("title", "A"), ("standfirst", "B"), ("body", "C")]


def document(schema, row):
    """The weighted tsvector of ``row`` (``NEW`` in the trigger, the table in the backfill)."""
    prefix = f"{row}." if row else ""
    return " || ".join(
        f"setweight(to_tsvector({schema}.articles_search_config(), "
        f"COALESCE({schema}.articles_unaccent({prefix}{column}), '')), '{weight}')"
        for column, weight in WEIGHTED_COLUMNS
    )


def postgresql_forwards(schema_editor):
    config = TEXT_SEARCH_CONFIGS.get(settings.LANGUAGE_CODE.split("-")[0].lower(), "simple")
    with schema_editor.connection.cursor() as cursor:
        # Where migration 0004 created articles_unaccent(): the new functions go beside it,
        # and the trigger names both with their schema, whatever the search_path.
        cursor.execute(
            "SELECT pronamespace::regnamespace::text FROM pg_proc "
            "WHERE proname = 'articles_unaccent'"
        )
        (schema,) = cursor.fetchone()
    for sql in [
        f"""
        CREATE FUNCTION {schema}.articles_search_config() RETURNS regconfig
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN '{config}'::regconfig
        """,
        "ALTER TABLE articles_article ADD COLUMN search_document tsvector",
        f"""
        CREATE FUNCTION {schema}.articles_article_search_document() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' OR (NEW.title, NEW.standfirst, NEW.body)
                IS DISTINCT FROM (OLD.title, OLD.standfirst, OLD.body) THEN
                NEW.search_document := {document(schema, "NEW")};
            END IF;
            RETURN NEW;
        END
        $$
        """,
        f"""
        CREATE TRIGGER articles_article_search_document
        BEFORE INSERT OR UPDATE ON articles_article
        FOR EACH ROW EXECUTE FUNCTION {schema}.articles_article_search_document()
        """,
        f"UPDATE articles_article SET search_document = {document(schema, '')}",
        "DROP INDEX IF EXISTS articles_article_search_idx",
        "CREATE INDEX articles_article_search_idx ON articles_article "
        "USING gin (search_document)",
    ]:
        schema_editor.execute(sql)


def postgresql_backwards(schema_editor):
    config = TEXT_SEARCH_CONFIGS.get(settings.LANGUAGE_CODE.split("-")[0].lower(), "simple")
    # Migration 0004's expression index, as it built it.
    expression = " || ".join(
        f"setweight(to_tsvector('{config}'::regconfig, "
        f"COALESCE(articles_unaccent({column}), '')), '{weight}')"
        for column, weight in WEIGHTED_COLUMNS
    )
    for sql in [
        "DROP TRIGGER IF EXISTS articles_article_search_document ON articles_article",
        "DROP FUNCTION IF EXISTS articles_article_search_document()",
        "DROP INDEX IF EXISTS articles_article_search_idx",
        "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_document",
        "DROP FUNCTION IF EXISTS articles_search_config()",
        f"CREATE INDEX articles_article_search_idx ON articles_article USING gin (({expression}))",
    ]:
        schema_editor.execute(sql)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        postgresql_forwards(schema_editor)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        postgresql_backwards(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_private_originals"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
