from django.core.management.base import BaseCommand

from articles.demo.contributions import LANGUAGES, default_language
from fronts import demo


class Command(BaseCommand):
    help = (
        "Place demo stories on the home page and on a section's page (seed_demo does it too). "
        "Fronts that already have stories placed are left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            choices=LANGUAGES,
            help="Language of the demo content. Default: French if LANGUAGE_CODE is French, "
            "else English.",
        )

    def handle(self, *args, language, **options):
        self.stdout.write(
            demo.contribute(language or default_language())
            or "Demo front pages already set, or no demo articles to place."
        )
