import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wordpress.importer import WordPressImport
from wordpress.wxr import ExportError


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.1 or 1.2, from Tools → Export): posts, pages, "
        "pictures, comments, categories, tags, authors, and redirects from the old addresses. "
        "Running it again updates what changed. Nothing is fetched from the internet."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help="The export file (.xml).")
        parser.add_argument(
            "--uploads",
            type=Path,
            metavar="DIR",
            help="A copy of the site's wp-content/uploads folder, where pictures are found "
            "by their address. Without it, every picture is listed as missing.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and check everything, report what would change, write nothing.",
        )
        parser.add_argument(
            "--default-section",
            metavar="NAME",
            help="The section of posts without a category (default: “News”, translated).",
        )

    def handle(self, *args, export, uploads, dry_run, default_section, **options):
        if not export.is_file():
            raise CommandError(f"{export}: no such file.")
        if uploads is not None and not uploads.is_dir():
            raise CommandError(f"--uploads {uploads}: no such folder.")
        show_progress = options["verbosity"] >= 1
        importer = WordPressImport(
            export,
            uploads=uploads,
            default_section=default_section,
            progress=self._progress if show_progress else None,
        )
        try:
            report = importer.run(dry_run=dry_run)
        except ExportError as error:
            raise CommandError(f"{export}, {error} Nothing was imported.") from None
        if show_progress:
            self.stderr.write("")
        self._summary(report)

    _last_shown = -1

    def _progress(self, done, total):
        percent = done * 100 // max(total, 1)
        if sys.stderr.isatty():
            self.stderr.write(f"\rImporting: {done}/{total} items ({percent}%)", ending="")
        elif percent // 10 != self._last_shown:
            self._last_shown = percent // 10
            self.stderr.write(f"Importing: {done}/{total} items ({percent}%)")

    def _summary(self, report):
        write = self.stdout.write
        if report.dry_run:
            write(self.style.WARNING("Dry run: nothing was written. It would give:"))
        write(f"{'':<11}{'created':>9}{'updated':>9}{'unchanged':>11}{'skipped':>9}")
        for kind, created, updated, unchanged, skipped in report.rows():
            write(f"{kind:<11}{created:>9}{updated:>9}{unchanged:>11}{skipped:>9}")
        skipped = [f"{n} {kind}: {reason}" for (kind, reason), n in sorted(report.skipped.items())]
        sections = [
            ("Skipped", skipped),
            ("Missing pictures", report.missing_media),
            ("Refused pictures", report.refused_media),
            ("Warnings", report.warnings),
            ("Sticky posts (pin them by hand if needed)", report.sticky),
            ("Shortcodes dropped", _counted(report.shortcodes_dropped)),
            ("Shortcodes kept as text", _counted(report.shortcodes_kept_as_text)),
            ("Blocks dropped", _counted(report.blocks_dropped)),
            ("Blocks kept as text", _counted(report.blocks_kept_as_text)),
        ]  # fmt: skip
        for title, lines in sections:
            if lines:
                write(f"\n{title} ({len(lines)}):")
                for line in lines:
                    write(f"  {line}")


def _counted(counter):
    return [f"{name} ×{count}" for name, count in counter.most_common()]
