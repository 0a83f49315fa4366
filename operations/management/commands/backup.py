from django.conf import settings
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone

from operations import backups


class Command(BaseCommand):
    help = (
        "Back up the SQLite database (online: the site may keep writing), the uploaded "
        "originals and their renditions into a new folder, by default "
        "var/backups/<date-time>/. PostgreSQL is backed up with pg_dump instead (see "
        "docs/deploy.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            metavar="DIR",
            help="The new (or empty) folder to write the backup to.",
        )

    def handle(self, *args, output=None, **options):
        folder = output or settings.VAR_DIR / "backups" / f"{timezone.now():%Y%m%d-%H%M%S}"
        try:
            manifest = backups.make_backup(connections["default"], storages, folder)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
        self.stdout.write(f"  database: {manifest['database']} (integrity check: ok)")
        for _alias, key, _filename in backups.ARCHIVES:
            if manifest[key]:
                self.stdout.write(f"  {key}: {manifest[key]} ({manifest[f'{key}_files']} files)")
            else:
                self.stdout.write(
                    f"  {key}: not included; they are in an S3 bucket, which is backed up "
                    "with its own tools (see docs/deploy.md)."
                )
