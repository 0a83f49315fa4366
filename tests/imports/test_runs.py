"""The command: running again updates instead of duplicating, --dry-run writes nothing, a
broken file or a failure half-way leaves nothing behind, and the summary says what happened."""

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError

from articles.models import Article, ArticleAuthor, ArticleImage, Author, Section, Tag
from comments.models import Comment
from pages.models import Page
from redirects.models import Redirect
from wordpress.importer import WordPressImport
from wordpress.models import ImportedObject

from .conftest import export, import_wordpress

pytestmark = pytest.mark.django_db


def rows(output):
    """The summary table's lines, as lists of words."""
    return [line.split() for line in output.splitlines()[:10]]


MODELS = [
    Article,
    ArticleAuthor,
    Article.tags.through,
    ArticleImage,
    Author,
    Section,
    Tag,
    Comment,
    Page,
    Redirect,
    ImportedObject,
]


def snapshot():
    """Every row the import writes, every field included (times of change too)."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def test_a_second_run_changes_nothing(uploads):
    import_wordpress(export("newsroom.xml"), "--uploads", uploads)
    before = snapshot()

    output = import_wordpress(export("newsroom.xml"), "--uploads", uploads)

    assert snapshot() == before
    assert ["articles", "0", "0", "10", "1"] in rows(output)
    assert ["comments", "0", "0", "5", "3"] in rows(output)
    assert ["images", "0", "0", "4", "1"] in rows(output)


def test_a_run_on_a_changed_export_updates_what_changed_without_duplicates(uploads, tmp_path):
    import_wordpress(export("newsroom.xml"), "--uploads", uploads)
    changed = tmp_path / "changed.xml"
    changed.write_text(
        export("newsroom.xml")
        .read_text()
        .replace("Harbour reopens &amp; ships return", "Harbour reopened")
        .replace("I agree with Marta.", "I agree with Marta, mostly.")
        .replace(
            "<wp:status><![CDATA[draft]]></wp:status>",
            "<wp:status><![CDATA[publish]]></wp:status>",
        )
    )

    output = import_wordpress(changed, "--uploads", uploads)

    assert Article.objects.count() == 10 and Comment.objects.count() == 5
    assert Article.objects.get(slug="harbour-reopens").title == "Harbour reopened"
    assert Comment.objects.get(author_name="Paul").body == "I agree with Marta, mostly."
    assert Article.objects.get(slug="work-in-progress").is_live
    assert ["articles", "0", "2", "8", "1"] in rows(output)
    assert ["comments", "0", "1", "4", "3"] in rows(output)


def test_what_was_deleted_here_is_made_again_and_recorded_anew(uploads):
    import_wordpress(export("newsroom.xml"), "--uploads", uploads)
    Article.objects.get(slug="second-story").delete()

    import_wordpress(export("newsroom.xml"), "--uploads", uploads)

    again = Article.objects.get(slug="second-story")
    assert ImportedObject.objects.get(kind="post", wordpress_id="104").object_id == again.pk


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(uploads):
    output = import_wordpress(export("newsroom.xml"), "--uploads", uploads, "--dry-run")

    assert output.startswith("Dry run: nothing was written. It would give:")
    assert ["articles", "10", "0", "0", "1"] in rows(output)
    assert ["images", "4", "0", "0", "1"] in rows(output)
    assert "Refused pictures (1):" in output
    assert all(not rows for rows in snapshot().values())
    assert not stored_files()


def test_a_malformed_file_imports_nothing_and_names_the_line():
    with pytest.raises(CommandError) as raised:
        import_wordpress(export("malformed.xml"))

    assert str(raised.value) == (
        f"{export('malformed.xml')}, line 17: the file is not well-formed XML (mismatched tag, "
        "column 23). Nothing was imported."
    )
    assert not Author.objects.exists() and not Article.objects.exists()


def test_a_failure_half_way_leaves_no_row_and_no_file(uploads, monkeypatch):
    def fail(self, comment, article, item):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(WordPressImport, "_comment", fail)

    with pytest.raises(RuntimeError):
        import_wordpress(export("newsroom.xml"), "--uploads", uploads)

    assert all(not rows for rows in snapshot().values())
    assert not stored_files()


def stored_files(folder=""):
    """Every file in the media storage."""
    if not default_storage.exists(folder or "."):
        return []
    directories, files = default_storage.listdir(folder)
    found = [f"{folder}/{name}" for name in files]
    for directory in directories:
        found += stored_files(f"{folder}/{directory}".lstrip("/"))
    return found


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["/no/such/export.xml"], "/no/such/export.xml: no such file."),
        (
            [export("newsroom.xml"), "--uploads", "/no/such/folder"],
            "--uploads /no/such/folder: no such folder.",
        ),
    ],
)
def test_wrong_paths_are_clear_messages(arguments, message):
    with pytest.raises(CommandError) as raised:
        import_wordpress(*arguments)

    assert str(raised.value) == message


def test_the_summary_is_a_table_of_what_was_done(uploads):
    output = import_wordpress(export("newsroom.xml"), "--uploads", uploads)

    assert output.splitlines()[:9] == [
        "           created  updated  unchanged  skipped",
        "authors          4        0          0        0",
        "sections         3        0          0        0",
        "tags             4        0          1        0",  # tag "news" is category "news"
        "articles        10        0          0        1",
        "images           4        0          0        1",
        "comments         5        0          0        3",
        "pages            3        0          0        0",
        "redirects       26        0          0        0",
    ]
