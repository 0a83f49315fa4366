from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article
from comments.models import Comment

# (name, text, replies) — written for the demo; emails are on the reserved example.org domain.
DEMO_THREADS = [
    (
        "Nadia",
        "Clear and useful piece. Do we know when the next figures are due?",
        [("Paul K.", "The article says the next report comes out in spring.")],
    ),
    ("Marc Vidal", "I would have liked a word from the people directly affected.", []),
    (
        "Sophie",
        "Thanks for linking the original report: https://example.org/report",
        [
            ("Ines", "Agreed, the sources section is a good habit."),
        ],
    ),
]


class Command(BaseCommand):
    help = "Add a few approved demo comments (and one pending) to the latest demo articles."

    @transaction.atomic
    def handle(self, *args, **options):
        if Comment.objects.exists():
            self.stdout.write("Demo comments already present.")
            return
        articles = list(Article.objects.published()[:3])
        created = 0
        for article in articles:
            when = article.published_at + timedelta(hours=1)
            for index, (name, text, replies) in enumerate(DEMO_THREADS):
                parent = self._comment(article, name, text, when + timedelta(minutes=index * 7))
                created += 1
                for offset, (reply_name, reply_text) in enumerate(replies, start=1):
                    self._comment(
                        article,
                        reply_name,
                        reply_text,
                        parent.created_at + timedelta(minutes=offset * 3),
                        parent=parent,
                    )
                    created += 1
        if articles:
            self._comment(
                articles[0],
                "New reader",
                "First time here: does this wait for a moderator?",
                articles[0].published_at + timedelta(hours=5),
                status=Comment.Status.PENDING,
                reason=Comment.Reason.FIRST_TIME,
            )
            created += 1
        self.stdout.write(f"Created {created} demo comments.")

    @staticmethod
    def _comment(article, name, text, when, parent=None, **fields):
        fields.setdefault("status", Comment.Status.APPROVED)
        slug = name.lower().replace(" ", "").replace(".", "")
        return Comment.objects.create(
            article=article,
            parent=parent,
            author_name=name,
            author_email=f"{slug}@example.org",
            body=text,
            created_at=when,
            **fields,
        )
