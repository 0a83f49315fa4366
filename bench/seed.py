"""The benchmark's data: 1,000 published articles of about 1,500 words, and 500 comments.

Run as ``python -m bench.seed [--articles N] [--comments N]`` with
``DJANGO_SETTINGS_MODULE=bench.settings`` and ``NEWSROOM_VAR_DIR`` (or ``DATABASE_URL``) naming
a throwaway place; ``bench/run.py`` does (and ``bench/live.py``, with fewer of both), while
``collectstatic`` runs beside it (compressing the static files takes as long as the seeding).
The last line printed is a JSON object of what the benchmark needs to know (the article's
address, the search query) and of what it reports (database and cache in use).

Articles, images and renditions come from ``seed_demo``, the project's own code: the
hand-written stories get real pictures, and the synthetic ones share a pool of picture files and
renditions, so a thousand articles take seconds instead of a thousand image builds. Demo bodies
are a few paragraphs; a real news article is closer to 1,500 words, and the article page's cost
grows with it, so bodies are lengthened here and rendered by ``Article.render_body()``. Comments
are written with ``bulk_create`` (their HTML made by ``render_comment()``, as ``save()`` does):
posting 500 through the form would test flood control, not the page.
"""

import argparse
import json
import random
import sys
import time
from datetime import timedelta

import django

SEARCH_QUERY = "council"
ARTICLES = 1000
COMMENTS = 500
BODY_WORDS = 1500
BULK_BATCH = 200

COMMENTERS = (
    "Nadia",
    "Paul K.",
    "Marc Vidal",
    "Sophie",
    "Ines",
    "Jon Ellery",
    "Priya S.",
    "Old reader",
    "Tomasz",
    "Hannah W.",
    "R. Okafor",
    "Lucie",
    "Dev",
    "Margit Olsen",
    "Kwame",
    "Ana P.",
)
REMARKS = (
    "Clear and useful piece.",
    "Do we know when the next figures are due?",
    "I would have liked a word from the people directly affected.",
    "Thanks for linking the original documents, that is a good habit.",
    "We tried something similar in our town and it took twice as long as planned.",
    "The numbers in the second section do not add up for me.",
    "Who pays for the maintenance once the pilot ends?",
    "Good to see this covered at last.",
    "My neighbours were not consulted at all, whatever the council says.",
    "Is there a recording of the meeting anywhere?",
    "This is the third plan in ten years; I will believe it when I see it.",
    "The comparison with other cities is the most interesting part.",
)
REPLIES = (
    "Agreed.",
    "The article says the next report comes out in spring.",
    "Not quite: the budget was voted last year, only the schedule changed.",
    "Same experience here.",
    "There is a summary on the council's site: https://example.org/minutes",
    "Fair point, but the pilot did cut the waiting times.",
    "I asked at the town hall; they said the documents are public on request.",
)


def long_body(words, n, *, lead=""):
    """About ``BODY_WORDS`` words of Markdown in ``words`` (a demo ``Vocabulary``), with
    subheadings, a quote and a list, the same for the same ``n``; ``lead`` (an existing body)
    comes first and counts towards the length."""
    rng = random.Random(f"bench-{n}")

    def sentence():
        subject, (_, verb), obj = (
            rng.choice(words.subjects),
            rng.choice(words.verbs),
            rng.choice(words.objects),
        )
        return f"{subject} {verb} {obj} {rng.choice(words.tails)}"

    def paragraph():
        parts = [sentence(), *rng.sample(words.details, 2), sentence(), sentence()]
        rng.shuffle(parts)
        return " ".join(parts)

    blocks = [lead.strip()] if lead.strip() else [paragraph(), paragraph()]
    subheadings = rng.sample(words.subheadings, len(words.subheadings))
    section = 0
    while len(" ".join(blocks).split()) < BODY_WORDS:
        blocks.append(f"## {subheadings[section % len(subheadings)]}")
        blocks += [paragraph(), paragraph()]
        if section == 1:
            blocks.append(f"> {rng.choice(words.details)}")
        if section == 2:
            blocks.append("\n".join(f"- {sentence()}" for _ in range(3)))
        blocks += [paragraph(), paragraph()]
        section += 1
    return "\n\n".join(blocks) + "\n"


def lengthen_bodies(words):
    """Give every published article with a short body one of about ``BODY_WORDS`` words.

    Existing text stays at the top, so hand-written stories keep their figures and "Read
    also" links; ``render_body()`` resolves them as ``save()`` would.
    """
    from articles.markup import word_count
    from articles.models import Article

    lengthened = []
    for article in Article.objects.published().order_by("pk"):
        if word_count(article.body) < BODY_WORDS * 2 // 3:
            article.body = long_body(words, article.pk, lead=article.body)
            article.render_body()
            lengthened.append(article)
    Article.objects.bulk_update(
        lengthened, ["body", "body_html", "reading_minutes"], batch_size=BULK_BATCH
    )
    return len(lengthened)


def commented_article():
    """The newest published article with a figure in its body: the page readers share."""
    from django.db.models import Count

    from articles.models import Article

    return (
        Article.objects.published()
        .annotate(image_count=Count("images"))
        .filter(image_count__gt=1)
        .order_by("-published_at", "-id")
        .first()
    )


def add_comments(article, count):
    """``count`` approved comments on ``article``, in threads as deep as the site allows."""
    from django.conf import settings
    from django.utils import timezone
    from django.utils.text import slugify

    from comments.models import Comment
    from comments.text import render_comment

    existing = Comment.objects.filter(article=article).approved().count()
    if existing >= count:
        return 0
    rng = random.Random(f"bench-comments-{article.pk}")
    deepest = settings.COMMENTS_MAX_DEPTH - 1
    start, end = article.published_at, timezone.now()
    step = (end - start) / (count + 1)
    comments = []
    for i in range(count - existing):
        name = rng.choice(COMMENTERS)
        can_answer = [c for c in comments[-40:] if c.depth < deepest]
        parent = rng.choice(can_answer) if can_answer and rng.random() < 0.6 else None
        if parent is None:
            body = " ".join(rng.sample(REMARKS, rng.randint(1, 4)))
        else:
            body = " ".join(rng.sample(REPLIES, rng.randint(1, 2)))
        if rng.random() < 0.15:
            body += "\n\n" + rng.choice(REMARKS)
        handle = slugify(name).replace("-", "")
        comments.append(
            Comment(
                article=article,
                parent=parent,
                depth=parent.depth + 1 if parent else 0,
                author_name=name,
                author_email=f"{handle}{i % 7}@example.org",
                author_url=f"https://example.org/~{handle}" if rng.random() < 0.2 else "",
                body=body,
                body_html=render_comment(body),
                status=Comment.Status.APPROVED,
                created_at=start + step * (i + 1) + timedelta(seconds=rng.randint(0, 59)),
            )
        )
    # Parents first: a reply's parent needs its primary key before the reply is written.
    for depth in range(deepest + 1):
        Comment.objects.bulk_create(
            [c for c in comments if c.depth == depth], batch_size=BULK_BATCH
        )
    return len(comments)


def facts(article):
    """What the benchmark needs and reports about the seeded site."""
    from django.conf import settings
    from django.db import connection

    from articles.models import Article
    from articles.search import search_articles
    from comments.models import Comment

    matches = search_articles(SEARCH_QUERY).count()
    if not matches:
        raise SystemExit(f"Search for {SEARCH_QUERY!r} finds nothing: is the index filled?")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            database = f"SQLite {cursor.fetchone()[0]}"
        else:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    return {
        "article_url": article.get_absolute_url(),
        "article_title": article.title,
        "article_words": len(article.body.split()),
        "article_comments": Comment.objects.filter(article=article).approved().count(),
        "max_depth": max(Comment.objects.filter(article=article).values_list("depth", flat=True))
        + 1,
        "published_articles": Article.objects.published().count(),
        "search_query": SEARCH_QUERY,
        "search_matches": matches,
        "database": database,
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "page_cache_middleware": [m for m in settings.MIDDLEWARE if "cache" in m.lower()],
        "static_storage": settings.STORAGES["staticfiles"]["BACKEND"],
        "django": django.get_version(),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description="Seed the benchmark's data.")
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--comments", type=int, default=COMMENTS)
    options = parser.parse_args(argv)
    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from articles import demo

    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    # Without the demo's fronts and comments, as the recorded results were measured: the home
    # page lists the latest articles, and the commented article gets only the bench's comments.
    call_command(
        "seed_demo",
        language="en",
        articles=options.articles,
        skip=["fronts", "comments"],
        stdout=sys.stderr,
    )
    with transaction.atomic():
        lengthened = lengthen_bodies(demo.data_for("en").synthetic)
        article = commented_article()
        added = add_comments(article, options.comments)
    print(
        f"Lengthened {lengthened} bodies, added {added} comments in "
        f"{time.monotonic() - started:.0f} s.",
        file=sys.stderr,
    )
    print(json.dumps(facts(article)))


if __name__ == "__main__":
    main()
