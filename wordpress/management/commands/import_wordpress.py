import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from wordpress.importer import WordPressImport
from wordpress.wxr import ExportError

# The summary table's columns, in the order of Report.rows().
COLUMNS = [
    pgettext_lazy("import summary", "created"),
    pgettext_lazy("import summary", "updated"),
    pgettext_lazy("import summary", "unchanged"),
    pgettext_lazy("import summary", "skipped"),
]
KIND_LABELS = {
    "authors": gettext_lazy("authors"),
    "sections": gettext_lazy("sections"),
    "tags": gettext_lazy("tags"),
    "articles": gettext_lazy("articles"),
    "images": gettext_lazy("images"),
    "comments": gettext_lazy("comments"),
    "pages": gettext_lazy("pages"),
    "redirects": gettext_lazy("redirects"),
    "other": gettext_lazy("other items"),
}


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
            raise CommandError(_("%(path)s: no such file.") % {"path": export})
        if uploads is not None and not uploads.is_dir():
            raise CommandError(_("--uploads %(path)s: no such folder.") % {"path": uploads})
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
            raise CommandError(
                _("%(path)s, %(error)s Nothing was imported.") % {"path": export, "error": error}
            ) from None
        if show_progress:
            self.stderr.write("")
        self._summary(report)

    _last_shown = -1

    def _progress(self, done, total):
        percent = done * 100 // max(total, 1)
        if sys.stderr.isatty():
            self.stderr.write("\r" + _progress_line(done, total, percent), ending="")
        elif percent // 10 != self._last_shown:
            self._last_shown = percent // 10
            self.stderr.write(_progress_line(done, total, percent))

    def _summary(self, report):
        write = self.stdout.write
        if report.dry_run:
            write(self.style.WARNING(_("Dry run: nothing was written. It would give:")))
        header = ["", *(str(column) for column in COLUMNS)]
        rows = [[KIND_LABELS[kind], *counts] for kind, *counts in report.rows()]
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
        for label, *counts in [header, *rows]:
            numbers = [f"{n:>{w}}" for n, w in zip(counts, widths[1:], strict=True)]
            write("  ".join([f"{label:<{widths[0]}}", *numbers]))
        skipped = [
            f"{n} {KIND_LABELS.get(kind, kind)}: {reason}"
            for (kind, reason), n in sorted(report.skipped.items())
        ]
        sections = [
            (_("Skipped"), skipped),
            (_("Missing pictures"), report.missing_media),
            (_("Refused pictures"), report.refused_media),
            (_("Warnings"), report.warnings),
            (_("Sticky posts, now top stories of the home page"), report.sticky),
            (_("Shortcodes dropped"), _counted(report.shortcodes_dropped)),
            (_("Shortcodes kept as text"), _counted(report.shortcodes_kept_as_text)),
            (_("Blocks dropped"), _counted(report.blocks_dropped)),
            (_("Blocks kept as text"), _counted(report.blocks_kept_as_text)),
        ]
        for title, lines in sections:
            if lines:
                write(f"\n{title} ({len(lines)}):")
                for line in lines:
                    write(f"  {line}")


def _progress_line(done, total, percent):
    return _("Importing: %(done)s/%(total)s items (%(percent)s%%)") % {
        "done": done,
        "total": total,
        "percent": percent,
    }


def _counted(counter):
    return [f"{name} ×{count}" for name, count in counter.most_common()]
