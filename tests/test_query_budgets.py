"""Every public page runs a fixed number of SQL queries, however much content there is.

Each kind of page has its budget below. The test builds a small newsroom and counts the queries
of every page, then grows it (many more articles, each with several images, sources, tags and
authors; 500 threaded comments under the article) and counts again: both counts must equal the
budget. A count that grows with content is an N+1 query; a failure lists each page off its
budget with its two counts. The whole-page cache is off: budgets are about making a page.
"""

import itertools
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleAuthor, ArticleImage, Author, Section, Source, Tag
from comments.models import Comment
from comments.pending import signed
from comments.text import render_comment
from fronts.models import Front, Placement
from pagecache import renew_everything
from tests.factories import make_article, make_author, make_image, make_section, make_tag

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]

# Queries of each page, by URL name, once the menu's sections, the footer's months and pages,
# and the breaking-news alert are in the fragment cache: the first HTML page after a change
# reads them (MENU_AND_FOOTER and ALERT more: the sections, the months, the footer's pages; the
# alert).
# A page of article cards: how many articles, the page's articles, their bylines and lead
# images, their comment counts (5). A front (home, section) also reads the stories placed on it
# with their articles, and on its first page their bylines and lead images (+3). The stories
# placed and how many articles there are, are kept: the list's next pages read them no more.
MENU_AND_FOOTER = 3
ALERT = 1
BUDGETS = {
    "home": 8,
    "home, page 2": 4,
    # Read again, its articles kept as made (after a comment approved, say): their comment
    # counts.
    "home, its list kept": 1,
    "section": 9,  # + the section
    "tag": 6,  # + the tag
    "author": 6,  # + the author
    # + whether the month has articles, its days, the previous and the next month.
    "archive_month": 9,
    # Whether the year has articles, its months, the previous and the next year.
    "archive_year": 4,
    "search": 2,  # a page of results counting all matches, then bylines; no pictures
    "search, no results": 1,
    # The article with its bylines, images, sources, tags and corrections (6); its "Read also"
    # teasers and its related articles, each with bylines and lead images (3 + 3); the
    # comments, which give its count too (related articles show none).
    "detail": 13,
    # Right after the page above: its kept parts (header, body, related articles, metadata) are
    # reused; the article, and the comments with this reader's pending one (2).
    "detail, for the author of a pending comment": 2,
    # 30 articles with bylines, lead images, tags and corrections or updates.
    "feed": 5,
    "feed_atom": 5,
    "section_feed": 6,  # + the section
    "section_feed_atom": 6,
    "tag_feed": 6,
    "tag_feed_atom": 6,
    "author_feed": 6,
    "author_feed_atom": 6,
    # Per sitemap, how many pages it has; for articles, news and pages, the latest change too.
    "sitemap": 9,
    # How many URLs; the page's articles with their lead images (and bylines, unused).
    "sitemap-articles": 4,
    "sitemap-news": 4,
    "sitemap-sections": 2,
    "sitemap-tags": 2,
    "sitemap-authors": 2,
    "sitemap-pages": 1,  # the few pages, without counting them first
    "robots_txt": 0,
}

# Mid-month, so that the articles of the last hours share their month whatever today is.
NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)
SEARCHED_WORD = "lighthouse"

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def fixed_now():
    with time_machine.travel(NOW, tick=False):
        yield


def test_every_public_page_runs_its_budget_of_queries_however_much_content_there_is():
    site = build_newsroom()
    reader = reader_with_a_pending_comment(site.article)
    small = count_queries(site, reader)

    grow(site)
    large = count_queries(site, reader)

    assert Article.objects.published().in_section(site.section).count() == 93
    assert site.article.comments.approved().count() == 500
    off_budget = [
        f"{page}: {small[page]} queries, then {large[page]} (budget: {budget})"
        for page, budget in BUDGETS.items()
        if small[page] != budget or large[page] != budget
    ]
    assert not off_budget, "\n".join(off_budget)


# Counting ---------------------------------------------------------------------------------------


def public_pages(site):
    """``{budget name: URL}``: a page of every kind."""
    month = site.article.published_at
    section, tag, author = (
        {"slug": owner.slug} for owner in [site.section, site.tag, site.author]
    )
    return {
        "home": reverse("articles:home"),
        "home, page 2": reverse("articles:home") + "?page=2",
        "section": reverse("articles:section", kwargs=section),
        "tag": reverse("articles:tag", kwargs=tag),
        "author": reverse("articles:author", kwargs=author),
        "archive_month": reverse(
            "articles:archive_month", kwargs={"year": month.year, "month": month.month}
        ),
        "archive_year": reverse("articles:archive_year", kwargs={"year": month.year}),
        "search": reverse("articles:search") + f"?q={SEARCHED_WORD}",
        "search, no results": reverse("articles:search") + "?q=zeppelin",
        "detail": site.article.get_absolute_url(),
        "feed": reverse("articles:feed"),
        "feed_atom": reverse("articles:feed_atom"),
        "section_feed": reverse("articles:section_feed", kwargs=section),
        "section_feed_atom": reverse("articles:section_feed_atom", kwargs=section),
        "tag_feed": reverse("articles:tag_feed", kwargs=tag),
        "tag_feed_atom": reverse("articles:tag_feed_atom", kwargs=tag),
        "author_feed": reverse("articles:author_feed", kwargs=author),
        "author_feed_atom": reverse("articles:author_feed_atom", kwargs=author),
        "sitemap": reverse("sitemap"),
        **{
            f"sitemap-{name}": reverse("sitemap_section", kwargs={"section": name})
            for name in ["articles", "news", "sections", "tags", "authors", "pages"]
        },
        "robots_txt": reverse("robots_txt"),
    }


# What a page must show, so that its count is that of the page described.
EXPECTED_TEXT = {
    "home": 'class="top-stories"',
    "section": 'class="top-stories"',
    "search": "<mark>",
    "search, no results": "No articles match",
    "detail": "comment-list--replies",
    "detail, for the author of a pending comment": "Your comment is awaiting moderation.",
}


def count_queries(site, reader):
    """``{budget name: queries}``: every page read by a new anonymous browser, and the article
    page read by the author of a pending comment."""
    # The first page read after a change also asks when the next scheduled article comes out,
    # for the lifetime of pages in caches (pagecache/lifetimes.py), and makes the menu and the
    # footer: once, on whichever page, here a year of the archive.
    year = public_pages(site)["archive_year"]
    first = queries_for(Client(), year)
    assert first == 1 + MENU_AND_FOOTER + ALERT + BUDGETS["archive_year"]
    counts = {name: queries_for(Client(), url, name) for name, url in public_pages(site).items()}
    name = "detail, for the author of a pending comment"
    counts[name] = queries_for(reader, site.article.get_absolute_url(), name)
    name = "home, its list kept"
    counts[name] = queries_for(Client(), reverse("articles:home"), "home")
    return counts


def queries_for(browser, url, name=""):
    with CaptureQueriesContext(connection) as queries:
        response = browser.get(url)
    assert response.status_code == 200, url
    assert EXPECTED_TEXT.get(name, "") in response.content.decode(), name
    return len(queries)


def reader_with_a_pending_comment(article):
    """A browser whose cookie remembers the pending comment it posted on ``article``."""
    pending = Comment.objects.create(
        article=article, author_name="Ada", body="Awaiting.", status=Comment.Status.PENDING
    )
    browser = Client()
    browser.cookies[settings.COMMENTS_PENDING_COOKIE] = signed([pending.pk])
    return browser


# The newsroom -----------------------------------------------------------------------------------


@dataclass
class Newsroom:
    """The pages under test are those of ``section``, ``tag``, ``author`` and ``article``;
    ``picture`` is a real image, whose file and renditions the other images share."""

    section: Section
    tag: Tag
    author: Author
    article: Article
    picture: ArticleImage


def build_newsroom():
    """A small newsroom: three articles of the section, tag and author under test (the article
    under test with a few images, sources, tags, authors, comments, a related article and
    two teasers), and older articles elsewhere, so that the home page has a second page."""
    section, tag, author = make_section(), make_tag(), make_author()
    others = [
        make_article(
            title=f"The {SEARCHED_WORD} at dawn",
            section=section,
            tags=[tag],
            authors=[author],
            published_at=NOW - timedelta(hours=hours),
        )
        for hours in [1, 2]
    ]
    article = make_article(
        title=f"The {SEARCHED_WORD} keeper",
        section=section,
        tags=[tag, make_tag()],
        authors=[author, make_author()],
        published_at=NOW - timedelta(minutes=30),
        body="Text.\n\n[figure 2]\n\n" + teasers(others),
    )
    article.related.add(others[0])
    picture = make_image(article, order=1, is_lead=True, caption="Lead", credit="Photographer")
    site = Newsroom(section, tag, author, article, picture)
    add_images_and_sources(site, article, count=2, first=2)
    article.refresh_body()  # [figure 2] exists now
    elsewhere = {"section": make_section(), "tag": make_tag(), "author": make_author()}
    add_articles(site, 23, items=1, published=NOW - timedelta(days=40), **elsewhere)
    add_comments(article, 6)
    place_stories(site, count=3)
    return site


def grow(site):
    """Much more of everything: 90 more articles of the section, tag and author under test,
    with several images, sources, tags and authors each, over several months and into the
    previous year; more of everything on the article page, and 500 comments under it."""
    owners = {"section": site.section, "tag": site.tag, "author": site.author}
    for days_ago, count in [(0, 60), (30, 10), (60, 10), (400, 10)]:
        add_articles(site, count, items=4, published=NOW - timedelta(days=days_ago), **owners)
    article = site.article
    add_images_and_sources(site, article, count=6, first=4)
    article.tags.add(*[make_tag() for _ in range(5)])
    for order, author in enumerate([make_author() for _ in range(3)], start=2):
        ArticleAuthor.objects.create(article=article, author=author, order=order)
    newer = list(Article.objects.filter(section=site.section).exclude(pk=article.pk)[:8])
    article.related.add(*newer[:4])
    article.body += teasers(newer[4:])
    article.save()
    add_comments(article, 500 - article.comments.approved().count())
    place_stories(site, count=20)
    renew_everything()  # rows made in bulk send no signal, as seed_demo knows


def place_stories(site, *, count):
    """On the home page and on the section's page, a lead story and ``count`` top stories
    (more than a front shows), besides stories placed until yesterday, from tomorrow, and of
    an article readers may not see."""
    # From other sections: the section's page still lists its own articles after them.
    articles = list(Article.objects.published().exclude(section=site.section)[: count + 1])
    assert len(articles) == count + 1
    draft = make_article(section=site.section, published=False)
    now = timezone.now()
    for front in [Front.objects.home(), Front.objects.of_section(site.section)]:
        Placement.objects.bulk_create(
            [
                Placement(front=front, article=articles[0], role=Placement.Role.LEAD),
                *(
                    Placement(front=front, article=article, position=n)
                    for n, article in (enumerate(articles[1:], start=1))
                ),
                Placement(front=front, article=articles[-1], ends_at=now - timedelta(days=1)),
                Placement(front=front, article=articles[-1], starts_at=now + timedelta(days=1)),
                Placement(front=front, article=draft),
            ]
        )


def teasers(articles):
    return "".join(f"[Read]({article.get_absolute_url()})\n\n" for article in articles)


def add_articles(site, count, *, items, section, tag, author, published):
    """``count`` published articles, a minute apart from an hour before ``published``, in
    ``section``, with ``tag`` and ``items - 1`` new tags, ``author`` and ``items - 1`` new
    co-authors, ``items`` images (the first one the lead) and ``items`` sources.

    Made in bulk: save() would make the renditions of every image again."""
    articles = []
    for minutes in range(count):
        n = next(_numbers)
        article = Article(
            title=f"{SEARCHED_WORD.capitalize()} report {n}",
            slug=f"report-{n}",
            standfirst=f"Standfirst of report {n}.",
            body=f"Body of report {n}.\n\n## A subheading\n\nMore text.",
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=published - timedelta(hours=1, minutes=minutes),
        )
        article.render_body()  # no figures, no teasers: no query
        articles.append(article)
    Article.objects.bulk_create(articles)

    more = count * (items - 1)
    new_tags = iter(
        Tag.objects.bulk_create(Tag(name=f"Topic {n}", slug=f"topic-{n}") for n in numbers(more))
    )
    new_authors = iter(
        Author.objects.bulk_create(
            Author(name=f"Writer {n}", slug=f"writer-{n}") for n in numbers(more)
        )
    )
    taggings, bylines = [], []
    for article in articles:
        for each in [tag, *itertools.islice(new_tags, items - 1)]:
            taggings.append(Article.tags.through(article=article, tag=each))
        for order, each in enumerate([author, *itertools.islice(new_authors, items - 1)]):
            bylines.append(ArticleAuthor(article=article, author=each, order=order))
    Article.tags.through.objects.bulk_create(taggings)
    ArticleAuthor.objects.bulk_create(bylines)
    for article in articles:
        add_images_and_sources(site, article, count=items, first=1)


def numbers(count):
    return [next(_numbers) for _ in range(count)]


def add_images_and_sources(site, article, *, count, first):
    """Images numbered from ``first`` (number 1 is the lead), sharing the file and renditions
    of ``site.picture``, and as many sources, of every kind in turn."""
    ArticleImage.objects.bulk_create(
        ArticleImage(
            article=article,
            image=site.picture.image.name,
            width=site.picture.width,
            height=site.picture.height,
            renditions=site.picture.renditions,
            alt_text=f"Picture {number}",
            caption=f"Caption {number}",
            credit=f"Photographer {number}",
            is_lead=number == 1,
            order=number,
        )
        for number in range(first, first + count)
    )
    kinds = itertools.cycle(Source.Kind)
    Source.objects.bulk_create(
        Source(
            article=article,
            label=f"Source {number}",
            url=f"https://example.org/{article.slug}/{number}",
            kind=next(kinds),
            order=number,
        )
        for number in range(first, first + count)
    )


def add_comments(article, count):
    """``count`` more approved comments, in threads as deep as replies go: a comment, a reply,
    a reply to the reply... COMMENTS_MAX_DEPTH levels in all."""
    parents, left = [None] * math.ceil(count / settings.COMMENTS_MAX_DEPTH), count
    for depth in range(settings.COMMENTS_MAX_DEPTH):
        parents = Comment.objects.bulk_create(
            approved_comment(article, parent, depth) for parent in parents[:left]
        )
        left -= len(parents)


def approved_comment(article, parent, depth):
    n = next(_numbers)
    body = f"Comment {n}, see https://example.org/{n}."
    return Comment(
        article=article,
        parent=parent,
        depth=depth,
        author_name=f"Reader {n}",
        author_email=f"reader{n}@example.net",
        author_url=f"https://reader{n}.example" if n % 2 else "",
        body=body,
        body_html=render_comment(body),  # bulk_create() skips save(), which renders it
        status=Comment.Status.APPROVED,
        is_staff_reply=n % 10 == 0,
    )
