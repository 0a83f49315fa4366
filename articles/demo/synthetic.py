"""Synthetic stories for benchmarks: ``seed_demo --articles N`` beyond the hand-written stories.

Their words come from the language's ``synthetic.toml`` (a ``Vocabulary``); the same number
gives the same story on every run. They are made in bulk, and share a few picture files.
"""

import random
from datetime import timedelta

from django.db.models import F

from ..images import build as make_renditions
from ..images.renditions import all_names
from ..models import Article, ArticleAuthor, ArticleImage, Source
from .pictures import draw_picture, random_for

# Synthetic benchmark articles share this many stored picture files.
IMAGE_POOL_SIZE = 8


def synthetic_text(words, n):
    """(title, standfirst, body) of synthetic story ``n`` in ``words``, the same on every run."""
    rng = random.Random(n)

    def pick():
        return rng.choice(words.subjects), rng.choice(words.verbs), rng.choice(words.objects)

    def sentence():
        subject, (_, verb), obj = pick()
        return f"{subject} {verb} {obj} {rng.choice(words.tails)}"

    subject, (verb, _), obj = pick()
    for article in words.headline_drops:
        subject = subject.removeprefix(article)
    headline = f"{subject} {verb} {obj}"
    first = headline[0].lower() if words.headline_lowercase else headline[0].upper()
    title = words.title.format(n=n, headline=first + headline[1:])
    standfirst = f"{sentence()} {rng.choice(words.details)}"

    def paragraph():
        return " ".join([sentence(), *rng.sample(words.details, 2)])

    paragraphs = [paragraph(), paragraph(), f"## {rng.choice(words.subheadings)}", paragraph()]
    if rng.random() < 0.5:
        paragraphs += [f"## {rng.choice(words.subheadings)}", paragraph()]
    return title, standfirst, "\n\n".join(paragraphs) + "\n"


def create_synthetic(data, numbers, sections, authors, tags, now, image_size, report):
    words = data.synthetic
    slugs = {n: words.slug.format(n=n) for n in numbers}
    existing = set(Article.objects.filter(slug__in=slugs.values()).values_list("slug", flat=True))
    missing = [n for n in numbers if slugs[n] not in existing]
    if not missing:
        return
    sections, authors, tags = list(sections.values()), list(authors.values()), list(tags.values())
    oldest_story = max(story.hours_ago for story in data.stories)

    new_articles = []
    for n in missing:
        title, standfirst, body = synthetic_text(words, n)
        article = Article(
            slug=slugs[n],
            title=title,
            standfirst=standfirst,
            body=body,
            section=sections[n % len(sections)],
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(hours=oldest_story + 1.5 * (n - len(data.stories))),
        )
        article.render_body()  # bulk_create() skips save(); these bodies have no figures
        new_articles.append(article)
    Article.objects.bulk_create(new_articles)
    Article.objects.filter(pk__in=[a.pk for a in new_articles]).update(
        created_at=F("published_at"), updated_at=F("published_at")
    )

    # A few picture files, shared by all synthetic articles' lead images, with their renditions:
    # bulk_create() skips save(), which would make them for each image.
    field = ArticleImage._meta.get_field("image")
    pool = []
    for i in range(min(IMAGE_POOL_SIZE, len(new_articles))):
        data = draw_picture(f"demo-{i}", image_size)
        name = field.storage.save(field.generate_filename(None, data.name), data)
        pool.append((name, make_renditions(name, storage=field.storage)))

    bylines, taggings, images, sources = [], [], [], []
    for n, article in zip(missing, new_articles, strict=True):
        rng = random_for(article.slug)
        for order, author in enumerate(rng.sample(authors, rng.randint(1, 2))):
            bylines.append(ArticleAuthor(article=article, author=author, order=order))
        taggings += [
            Article.tags.through(article=article, tag=tag)
            for tag in rng.sample(tags, rng.randint(1, 3))
        ]
        name, built = rng.choice(pool)
        images.append(
            ArticleImage(
                article=article,
                image=name,
                width=built.width,
                height=built.height,
                renditions=built.renditions,
                alt_text=rng.choice(words.alts),
                caption=words.caption.format(n=n),
                credit=rng.choice(words.credits),
                is_lead=True,
                order=1,
            )
        )
        sources.append(
            Source(
                article=article,
                label=words.source_label,
                url=words.source_url.format(slug=article.slug),
            )
        )
    ArticleAuthor.objects.bulk_create(bylines)
    Article.tags.through.objects.bulk_create(taggings)
    ArticleImage.objects.bulk_create(images)
    Source.objects.bulk_create(sources)
    report.articles += len(new_articles)
    report.images += len(images)
    report.files += len(pool)
    report.renditions += sum(len(all_names(built.renditions)) for _, built in pool)
    report.sources += len(sources)
