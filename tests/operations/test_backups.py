"""Backups: `manage.py backup` copies a consistent SQLite database while the site writes, plus
the media; `manage.py restore` puts both back, and refuses to overwrite without --yes."""

import io
import sqlite3
import tarfile
import threading
import time

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command
from django.db import connection

from operations import backups
from tests.processes import manage, project_env

SEED = """
from django.core.management import call_command
from tests.factories import make_article
call_command("migrate", "--noinput", verbosity=0)
for n in range(3):
    make_article(title=f"Backed up story {n}", slug=f"backed-up-story-{n}")
"""
MEDIA = {
    "renditions/ab/cdef-480.avif": bytes(range(256)) * 40,
    "renditions/ab/cdef-960.avif": bytes(range(256)) * 80,
}
ORIGINALS = {"articles/2026/11/photo.jpg": b"\xff\xd8 not really a jpeg \xff\xd9"}
WRITER_SECONDS = 30  # the writer stops after this even if the test went wrong


def sqlite_rows(path, query):
    with sqlite3.connect(path) as database:
        rows = database.execute(query).fetchall()
    database.close()
    return rows


class Writer(threading.Thread):
    """The site at work: commits two tags at a time into the live database until stopped."""

    def __init__(self, path):
        super().__init__(daemon=True)
        self.path, self.committed, self.error = path, 0, None
        self.stopped = threading.Event()

    def run(self):
        database = sqlite3.connect(self.path, timeout=20, isolation_level=None)
        deadline = time.monotonic() + WRITER_SECONDS
        try:
            while not self.stopped.is_set() and time.monotonic() < deadline:
                n = self.committed
                database.execute("BEGIN IMMEDIATE")
                for half in "ab":
                    database.execute(
                        "INSERT INTO articles_tag (name, slug) VALUES (?, ?)",
                        (f"Pair {n} {half}", f"pair-{n}-{half}"),
                    )
                database.execute("COMMIT")
                self.committed += 1
                time.sleep(0.002)
        except Exception as error:  # reported by the test
            self.error = error
        finally:
            database.close()

    def wait_for(self, count):
        deadline = time.monotonic() + WRITER_SECONDS
        while self.committed < count and time.monotonic() < deadline and self.is_alive():
            time.sleep(0.01)


def pairs(path):
    return sqlite_rows(path, "SELECT count(*) FROM articles_tag WHERE slug LIKE 'pair-%'")[0][0]


def test_backup_while_the_site_writes_then_restore_into_a_new_place(tmp_path):
    live = project_env(tmp_path / "live")
    manage("shell", "-c", SEED, env=live)
    for folder, files in [("media", MEDIA), ("private", ORIGINALS)]:
        for name, content in files.items():
            path = tmp_path / "live" / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    database = tmp_path / "live" / "db.sqlite3"

    writer = Writer(database)
    writer.start()
    try:
        writer.wait_for(20)
        before = writer.committed
        result = manage("backup", "--output", str(tmp_path / "backup"), env=live)
        after = writer.committed
        writer.wait_for(after + 20)
    finally:
        writer.stopped.set()
        writer.join(timeout=10)

    assert writer.error is None
    assert after > before, "the site kept writing during the backup"
    assert "media: media.tar.gz (2 files)" in result.stdout
    assert "originals: originals.tar.gz (1 files)" in result.stdout
    copy = tmp_path / "backup" / "db.sqlite3"
    assert sqlite_rows(copy, "PRAGMA integrity_check") == [("ok",)]
    # One snapshot: every transaction is in it whole or not at all.
    copied_tags = pairs(copy)
    assert copied_tags % 2 == 0
    assert before * 2 <= copied_tags < pairs(database)

    restored = project_env(tmp_path / "restored")
    result = manage("restore", str(tmp_path / "backup"), env=restored)

    assert "media: 2 files" in result.stdout
    assert "originals: 1 files" in result.stdout
    new_database = tmp_path / "restored" / "db.sqlite3"
    assert sqlite_rows(new_database, "PRAGMA integrity_check") == [("ok",)]
    assert pairs(new_database) == copied_tags
    titles = sqlite_rows(new_database, "SELECT title FROM articles_article ORDER BY title")
    assert titles == [(f"Backed up story {n}",) for n in range(3)]
    for folder, files in [("media", MEDIA), ("private", ORIGINALS)]:
        for name, content in files.items():
            assert (tmp_path / "restored" / folder / name).read_bytes() == content
    assert not (tmp_path / "restored" / "media" / "articles").exists()  # originals stay private
    # Search's full-text index came along.
    found = sqlite_rows(
        new_database,
        "SELECT rowid FROM articles_article_fts WHERE articles_article_fts MATCH 'backed'",
    )
    assert len(found) == 3

    # Restoring over a site with data needs --yes; then the site is as the backup was.
    refused = manage("restore", str(tmp_path / "backup"), env=live, check=False)
    assert refused.returncode != 0
    assert "--yes" in refused.stderr
    assert pairs(database) > copied_tags
    manage("restore", str(tmp_path / "backup"), "--yes", env=live)
    assert pairs(database) == copied_tags
    assert sqlite_rows(database, "PRAGMA integrity_check") == [("ok",)]


def test_backup_of_postgresql_points_to_pg_dump(monkeypatch):
    monkeypatch.setattr(connection, "vendor", "postgresql")
    monkeypatch.setattr(connection, "display_name", "PostgreSQL")

    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup", "--output", "unused")


def test_media_round_trip_through_the_storage_api(tmp_path):
    source = FileSystemStorage(location=tmp_path / "source")
    for name, content in MEDIA.items():
        source.save(name, ContentFile(content))
    archive = tmp_path / "media.tar.gz"

    assert backups.archive_media(source, archive) == 2

    target = FileSystemStorage(location=tmp_path / "target")
    target.save("renditions/ab/cdef-480.avif", ContentFile(b"older version"))
    assert backups.restore_media(archive, target) == 2
    for name, content in MEDIA.items():
        with target.open(name) as file:
            assert file.read() == content


def test_media_archive_cannot_write_outside_media_root(tmp_path):
    archive = tmp_path / "evil.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        member = tarfile.TarInfo("../outside.txt")
        member.size = 4
        tar.addfile(member, io.BytesIO(b"evil"))

    with pytest.raises(SuspiciousFileOperation):
        backups.restore_media(archive, FileSystemStorage(location=tmp_path / "media"))
    assert not (tmp_path / "outside.txt").exists()


def test_restore_refuses_a_folder_without_a_backup(tmp_path):
    with pytest.raises(backups.BackupError, match=r"manifest\.json"):
        backups.read_backup(tmp_path)
