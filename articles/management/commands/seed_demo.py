from django.core.management.base import BaseCommand, CommandError

from articles import demo


class Command(BaseCommand):
    help = (
        "Create demo sections, authors, tags and articles with generated images. "
        "Safe to run again: only what is missing is created."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=demo.DEFAULT_ARTICLES,
            metavar="N",
            help=(
                f"Number of published articles (default {demo.DEFAULT_ARTICLES}, the "
                "hand-written stories); beyond that, synthetic stories are added for "
                "benchmarks. A scheduled and a draft article are always added."
            ),
        )

    def handle(self, *args, articles, **options):
        if articles < 0:
            raise CommandError("--articles must be zero or more.")
        report = demo.seed(articles=articles)
        if not report.created_anything:
            self.stdout.write("Demo content already present.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {report.articles} articles, {report.images} images "
                f"({report.files} picture files drawn, {report.renditions} renditions made), "
                f"{report.sources} sources, {report.sections} sections, "
                f"{report.authors} authors and {report.tags} tags."
            )
        )
