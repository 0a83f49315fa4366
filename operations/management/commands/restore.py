from pathlib import Path

from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from operations import backups
from pagecache import renew_everything


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`: the SQLite database, the originals and "
        "their renditions. Stop the site first. Refuses to replace existing data without --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR", help="The backup's folder.")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Replace the current database and media files of the same names.",
        )

    def handle(self, *args, folder, yes=False, **options):
        connection = connections["default"]
        try:
            backups.require_sqlite(connection)
            manifest = backups.read_backup(folder)
            # The archives this backup holds (older backups have no originals of their own).
            archives = [
                (key, manifest[key], storages[alias])
                for alias, key, _filename in backups.ARCHIVES
                if manifest.get(key)
            ]
            for _key, _archive, storage in archives:
                backups.require_local(storage)
            existing = [
                what
                for what, present in [
                    ("database", backups.database_has_data(connection)),
                    *[(key, backups.media_has_files(storage)) for key, _a, storage in archives],
                ]
                if present
            ]
            if existing and not yes:
                raise CommandError(
                    f"The current {' and '.join(existing)} would be replaced by the backup of "
                    f"{manifest['created_at']}. Stop the site, then run again with --yes."
                )
            backups.restore_database(Path(folder) / manifest["database"], connection)
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA integrity_check")
                verdict = cursor.fetchone()[0]
            if verdict != "ok":
                raise CommandError(f"The restored database failed its integrity check: {verdict}")
            restored = [
                (key, backups.restore_media(Path(folder) / archive, storage), storage)
                for key, archive, storage in archives
            ]
            renew_everything()  # pages cached by a running site show what was there before
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(f"Restored the backup of {manifest['created_at']} from {folder}")
        )
        self.stdout.write(f"  database: {connection.settings_dict['NAME']}")
        for key, count, storage in restored:
            self.stdout.write(f"  {key}: {count} files into {storage.location}")
