import time

from django.core.management.base import BaseCommand

from articles import images
from articles.models import ArticleImage, Author


class ProgressBar:
    """``[#######.......] 120/400`` on one line of a stream, redrawn as work advances."""

    width = 30

    def __init__(self, stream, total):
        self.stream, self.total, self.done, self.drawn = stream, total, 0, None

    def advance(self, count=1):
        self.done += count
        self.draw()

    def draw(self, *, force=False):
        filled = self.width * self.done // self.total if self.total else self.width
        state = (filled, 100 * self.done // self.total if self.total else 100)
        if state == self.drawn and not force:
            return
        self.drawn = state
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total}", style_func=str, ending="")
        self.stream.flush()

    def interrupt(self, message):
        """Print ``message`` on its own line, then the bar again."""
        self.stream.write(f"\r{message}")
        self.draw(force=True)

    def finish(self):
        self.draw(force=True)
        self.stream.write("", style_func=str)


class Command(BaseCommand):
    help = (
        "Make the renditions of every article image and author photo again (for instance after "
        "changing NEWSROOM_RENDITION_WIDTHS), deleting the old rendition files. Originals that "
        "cannot be read are reported and skipped."
    )

    def handle(self, *args, verbosity=1, **options):
        started = time.monotonic()
        work = [
            (model, model.image_slot, name, pks)
            for model in (ArticleImage, Author)
            for name, pks in images.originals(model, model.image_slot)
        ]
        progress = ProgressBar(self.stderr, sum(len(pks) for *_, pks in work))
        show_progress = verbosity > 0
        if show_progress:
            progress.draw()
        rebuilt = files = failed = 0
        for model, slot, name, pks in work:
            try:
                files += images.rebuild(model, slot, name, pks)
            except Exception as error:
                failed += len(pks)
                message = (
                    f"Could not rebuild {model._meta.verbose_name} {', '.join(map(str, pks))} "
                    f"from {name}: {type(error).__name__}: {error}"
                )
                if show_progress:
                    progress.interrupt(message)
                else:
                    self.stderr.write(message)
            else:
                rebuilt += len(pks)
            if show_progress:
                progress.advance(len(pks))
        if show_progress:
            progress.finish()
        seconds = time.monotonic() - started
        summary = f"Rebuilt {rebuilt} images ({files} files) in {seconds:.1f} s; {failed} failed."
        self.stdout.write(self.style.WARNING(summary) if failed else self.style.SUCCESS(summary))
