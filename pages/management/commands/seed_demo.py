from articles.demo import default_language
from articles.management.commands import seed_demo
from pages.demo import seed_pages


class Command(seed_demo.Command):
    """The articles' demo, then the site's pages in the same language.

    This app comes before ``articles`` in INSTALLED_APPS, so ``seed_demo`` is this command
    (the way ``staticfiles`` extends ``runserver``): ``articles`` needs to know nothing of pages.
    """

    help = seed_demo.Command.help + " Also the About, Legal notice and Privacy policy pages."

    def handle(self, *args, language, **options):
        super().handle(*args, language=language, **options)
        created = seed_pages(language or default_language())
        if created:
            self.stdout.write(self.style.SUCCESS(f"Created {created} pages."))
