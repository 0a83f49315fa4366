from django.core.management.base import BaseCommand, CommandError

from articles import demo
from articles.demo import contributions
from pagecache import renew_everything


class Command(BaseCommand):
    help = (
        "Create demo sections, authors, tags and articles with generated images, then what "
        "the other apps add to the demo (pages, front pages, comments). "
        "Safe to run again: only what is missing is created."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            choices=demo.LANGUAGES,
            help=(
                "Language of the demo content: English, or French (a French tech-news site). "
                "Default: French if LANGUAGE_CODE is French, else English."
            ),
        )
        parser.add_argument(
            "--articles",
            type=int,
            metavar="N",
            help=(
                "Number of published articles (default: all the hand-written stories of the "
                "language); beyond that, synthetic stories are added for benchmarks. A scheduled "
                "and a draft article are always added."
            ),
        )
        parser.add_argument(
            "--skip",
            action="append",
            default=[],
            choices=list(contributions.registered()),
            metavar="APP",
            help="Leave out this app's part of the demo (%(choices)s); may be repeated.",
        )

    def handle(self, *args, language, articles, skip, **options):
        if articles is not None and articles < 0:
            raise CommandError("--articles must be zero or more.")
        language = language or demo.default_language()
        report = demo.seed(language=language, articles=articles)
        if report.created_anything:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created {report.articles} articles, {report.images} images "
                    f"({report.files} picture files drawn, {report.renditions} renditions "
                    f"made), {report.sources} sources, {report.sections} sections, "
                    f"{report.authors} authors and {report.tags} tags."
                )
            )
        else:
            self.stdout.write("Demo content already present.")
        for app_label, contribute in contributions.registered().items():
            if app_label not in skip and (line := contribute(language)):
                self.stdout.write(self.style.SUCCESS(line))
        renew_everything()  # bulk inserts send no signal
