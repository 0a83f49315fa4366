from django.core.management.base import BaseCommand

from comments.models import Comment
from comments.privacy import erase_comments


class Command(BaseCommand):
    help = (
        "Erase every comment written with EMAIL: the text and personal data are removed, "
        "a placeholder keeps replies readable. This cannot be undone."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, email, yes=False, **options):
        count = Comment.objects.by_email(email).count() if email.strip() else 0
        if not count:
            self.stdout.write("No comments were written with that email. Nothing to erase.")
            return
        if not yes:
            answer = input(
                f"Erase {count} comment(s) written with {email}? This cannot be undone. [y/N] "
            )
            if answer.strip().lower() not in {"y", "yes"}:
                self.stdout.write("Cancelled: nothing was erased.")
                return
        erased = erase_comments(email)
        self.stdout.write(f"Erased {erased} comment(s).")
