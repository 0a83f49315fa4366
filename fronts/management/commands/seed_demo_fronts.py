from django.core.management.base import BaseCommand

from articles.demo import LANGUAGES, default_language
from fronts import demo


class Command(BaseCommand):
    help = (
        "Place demo stories on the home page and on a section's page (run seed_demo first). "
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
        placed = demo.seed(language or default_language())
        if placed:
            self.stdout.write(f"Placed {placed} demo stories on the front pages.")
        else:
            self.stdout.write("Demo front pages already set, or no demo articles to place.")
