"""The demo's comments, for ``manage.py seed_demo``: a few threads of approved comments on the
latest published articles, and one comment waiting for a moderator.

Commenters' emails are on the reserved example.org domain.
"""

from datetime import timedelta

from django.db import transaction
from django.utils.text import slugify

from articles.models import Article

from .models import Comment

# (name, text, replies) — written for the demo; emails are on the reserved example.org domain.
ENGLISH_THREADS = [
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
FRENCH_THREADS = [
    (
        "Nadia",
        "Article clair et utile. Sait-on quand paraîtront les prochains chiffres\u00a0?",
        [("Paul K.", "D’après l’article, le prochain rapport sort au printemps.")],
    ),
    ("Marc Vidal", "J’aurais aimé entendre les premiers concernés.", []),
    (
        "Sophie",
        "Merci pour le lien vers le document d’origine\u00a0: https://example.org/rapport",
        [("Inès", "D’accord, la rubrique des sources est une bonne habitude.")],
    ),
]
# language: (threads, (name, text) of the comment left pending)
DEMO_COMMENTS = {
    "en": (ENGLISH_THREADS, ("New reader", "First time here: does this wait for a moderator?")),
    "fr": (
        FRENCH_THREADS,
        (
            "Nouvelle lectrice",
            "Première fois ici\u00a0: mon commentaire doit-il attendre un modérateur\u00a0?",
        ),
    ),
}


@transaction.atomic
def seed(language):
    """Comment the three latest published articles in ``language``, unless comments exist
    already; return how many were created (None when comments were there)."""
    if Comment.objects.exists():
        return None
    threads, (pending_name, pending_text) = DEMO_COMMENTS[language]
    articles = list(Article.objects.published()[:3])
    created = 0
    for article in articles:
        when = article.published_at + timedelta(hours=1)
        for index, (name, text, replies) in enumerate(threads):
            parent = _comment(article, name, text, when + timedelta(minutes=index * 7))
            created += 1
            for offset, (reply_name, reply_text) in enumerate(replies, start=1):
                _comment(
                    article,
                    reply_name,
                    reply_text,
                    parent.created_at + timedelta(minutes=offset * 3),
                    parent=parent,
                )
                created += 1
    if articles:
        _comment(
            articles[0],
            pending_name,
            pending_text,
            articles[0].published_at + timedelta(hours=5),
            status=Comment.Status.PENDING,
            reason=Comment.Reason.FIRST_TIME,
        )
        created += 1
    return created


def contribute(language):
    """The comments' part of ``seed_demo`` (articles.demo.contributions)."""
    created = seed(language)
    return f"Created {created} demo comments." if created else ""


def _comment(article, name, text, when, parent=None, **fields):
    fields.setdefault("status", Comment.Status.APPROVED)
    return Comment.objects.create(
        article=article,
        parent=parent,
        author_name=name,
        author_email=f"{slugify(name).replace('-', '')}@example.org",  # "Inès" -> ines@
        body=text,
        created_at=when,
        **fields,
    )
