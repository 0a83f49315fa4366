from django.core.management.base import BaseCommand

from articles.demo.contributions import default_language
from comments import demo


class Command(BaseCommand):
    help = (
        "Add a few approved demo comments (and one pending) to the latest published articles "
        "(seed_demo does it too)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            choices=sorted(demo.DEMO_COMMENTS),
            help="Language of the comments. Default: French if LANGUAGE_CODE is French, "
            "else English.",
        )

    def handle(self, *args, language, **options):
        created = demo.seed(language or default_language())
        if created is None:
            self.stdout.write("Demo comments already present.")
        else:
            self.stdout.write(f"Created {created} demo comments.")
