"""Backups of the embedded set-up: the SQLite database and the uploaded media.

The database is copied with SQLite's online backup API, which reads one consistent snapshot
while the site goes on writing (WAL lets writers continue during the copy). Files are read
through Django's storage API, one archive per storage. A backup is a folder:

    db.sqlite3         the database, checked with ``PRAGMA integrity_check``
    media.tar.gz       every file of the public media storage: renditions (when it is local)
    originals.tar.gz   every file of the originals' storage (when it is local); private data
    manifest.json      when it was made and what it holds

PostgreSQL has its own tools (``pg_dump``/``pg_restore``) and S3-compatible buckets theirs
(versioning, replication): docs/deploy.md describes both. The ``backup`` and ``restore``
management commands call these functions.
"""

import io
import json
import posixpath
import sqlite3
import tarfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

DATABASE_FILE = "db.sqlite3"
MANIFEST_FILE = "manifest.json"
# (storage alias in settings.STORAGES, manifest key, archive file)
ARCHIVES = [
    ("default", "media", "media.tar.gz"),
    ("originals", "originals", "originals.tar.gz"),
]


class BackupError(Exception):
    """A backup or restore that cannot go ahead, with a message for the operator."""


def require_sqlite(connection):
    if connection.vendor != "sqlite":
        raise BackupError(
            f"The database is {connection.display_name}, not SQLite: back it up with its own "
            'tools. For PostgreSQL: pg_dump --format=custom --file=newsroom.dump "$DATABASE_URL"'
            ", restored with pg_restore (see docs/deploy.md, Backups)."
        )


def integrity(path):
    """SQLite's verdict on the database file at ``path``: "ok", or what is wrong."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as database:
        rows = database.execute("PRAGMA integrity_check").fetchall()
    database.close()
    return "\n".join(str(row[0]) for row in rows)


def copy_database(connection, target):
    """Copy the live database behind Django's ``connection`` into the new file ``target``."""
    require_sqlite(connection)
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        # All pages in one step: one read snapshot, consistent even while others commit
        # (copying in several steps would restart after every write by another connection).
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside
    copy.close()
    verdict = integrity(target)
    if verdict != "ok":
        raise BackupError(f"The copy of the database failed its integrity check: {verdict}")


def restore_database(source, connection):
    """Replace the database behind ``connection`` with the backup file ``source``, through
    SQLite's backup API (so a WAL database's side files stay consistent)."""
    require_sqlite(connection)
    connection.ensure_connection()
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup:
        backup.backup(connection.connection)
    backup.close()


def database_has_data(connection):
    return bool(connection.introspection.table_names())


def storage_files(storage, directory=""):
    """Every file name in ``storage``, walking its folders."""
    try:
        folders, files = storage.listdir(directory)
    except FileNotFoundError:  # MEDIA_ROOT not created yet: nothing uploaded
        return
    for name in sorted(files):
        yield posixpath.join(directory, name)
    for folder in sorted(folders):
        yield from storage_files(storage, posixpath.join(directory, folder))


def require_local(storage):
    if not isinstance(storage, FileSystemStorage):
        raise BackupError(
            "Media are not on local storage; back up the bucket with its own tools "
            "(versioning, replication or rclone, see docs/deploy.md)."
        )


def archive_media(storage, target):
    """Write every file of ``storage`` into the tar.gz ``target``; returns how many."""
    require_local(storage)
    count = 0
    with tarfile.open(target, "w:gz") as archive:
        for name in storage_files(storage):
            try:
                with storage.open(name, "rb") as file:
                    content = file.read()
                modified = storage.get_modified_time(name)
            except FileNotFoundError:  # deleted while we walked: not part of the backup
                continue
            member = tarfile.TarInfo(name)
            member.size = len(content)
            member.mtime = int(modified.timestamp())
            member.mode = 0o644
            archive.addfile(member, io.BytesIO(content))
            count += 1
    return count


def restore_media(source, storage):
    """Put every file of the tar.gz ``source`` back into ``storage``, replacing files of the
    same name; other files are left alone. Returns how many files were restored."""
    require_local(storage)
    count = 0
    with tarfile.open(source, "r:gz") as archive:
        for member in archive:
            if not member.isfile():
                continue
            content = archive.extractfile(member).read()
            if storage.exists(member.name):
                storage.delete(member.name)
            # The storage refuses names that leave MEDIA_ROOT ("../", absolute paths).
            saved = storage.save(member.name, ContentFile(content))
            if saved != member.name:
                raise BackupError(f"{member.name} was restored as {saved}.")
            count += 1
    return count


def media_has_files(storage):
    return next(storage_files(storage), None) is not None


def make_backup(connection, storages, folder):
    """A complete backup in the new or empty ``folder``; returns its manifest. ``storages``:
    the storages by alias (Django's ``storages`` handler will do)."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty; give a new folder.")
    require_sqlite(connection)
    if not database_has_data(connection):
        raise BackupError("The database is empty: nothing to back up (run migrate first?).")
    folder.mkdir(parents=True, exist_ok=True)
    # The database first: every file its rows name was uploaded before the copy, so the media
    # archive, made after, holds it (unless it was deleted meanwhile).
    copy_database(connection, folder / DATABASE_FILE)
    manifest = {"created_at": timezone.now().isoformat(), "database": DATABASE_FILE}
    for alias, key, filename in ARCHIVES:
        storage = storages[alias]
        if isinstance(storage, FileSystemStorage):
            manifest[key] = filename
            manifest[f"{key}_files"] = archive_media(storage, folder / filename)
        else:
            manifest[key] = None
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def read_backup(folder):
    """The manifest of the backup in ``folder``, once its database is known to be sound."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text())
    except FileNotFoundError:
        raise BackupError(f"{folder} holds no backup ({MANIFEST_FILE} is missing).") from None
    database = folder / manifest["database"]
    if not database.is_file():
        raise BackupError(f"{database} is missing.")
    verdict = integrity(database)
    if verdict != "ok":
        raise BackupError(f"{database} failed its integrity check: {verdict}")
    return manifest
