"""What the articles app's pages show and what its writes renew, in the page cache's names.

=======================  ==========================================  ===========================
name                     what pages show of it                       renewed by
=======================  ==========================================  ===========================
``nav``                  the sections (menu, kickers, categories)    a section saved or deleted;
                         and the footer's months                     an article entering or
                                                                     leaving a month
``article:<id>``         one article as its page, and the cards      any write to it or to its
                         showing it as related or "Read also", do    bylines, images, sources,
                                                                     tags, related articles
``articles``             the list of published articles (home,       any write to an article
                         archives, search, site feeds, sitemaps)     published before or after
``section-articles:<id>``  a section's list (its page and feed, and  the same, for its articles
                         the related articles of its articles)
``tag-articles:<id>``,   a tag's or author's list                    the same, and (un)tagging
``author-articles:<id>``                                             or bylines
``tag:<id>``,            a tag's name; an author's name, biography   their save or delete
``author:<id>``          and photo, wherever they are shown
``tags``, ``authors``    the sitemaps that list them all             any of them saved/deleted
``corrections``          the corrections page (with ``articles``)    a correction or update
                                                                     saved or deleted
=======================  ==========================================  ===========================

Views, feeds and sitemaps declare what they show with ``declare_*()``; the signal handlers below
renew what a write changes (connected in ``ArticlesConfig.ready``). Writes that send no signal
(``QuerySet.update()``, ``bulk_create()``) renew by hand.
"""

from django.utils import timezone

from pagecache import depends_on, fragment, renew

from .models import Article, ArticleAuthor, ArticleImage

NAV = "nav"
ARTICLES = "articles"
TAGS = "tags"
AUTHORS = "authors"
CORRECTIONS = "corrections"


# Each takes a primary key.
article_name = "article:{}".format
section_articles = "section-articles:{}".format
tag_name = "tag:{}".format
tag_articles = "tag-articles:{}".format
author_name = "author:{}".format
author_articles = "author-articles:{}".format


# What pages show -------------------------------------------------------------------------------


def declare_cards(articles):
    """Article cards (from ``for_listing()``): their bylines' names. Their titles, pictures and
    dates are in the list the page declares; their comment counts come with the counts."""
    depends_on(*{author_name(byline.author_id) for a in articles for byline in a.bylines.all()})


def declare_bylines(results):
    """Search results (articles.search.Result): their bylines' names."""
    depends_on(*{author_name(author.pk) for result in results for author in result.byline_authors})


def declare_shown_articles(articles):
    """Cards of articles shown one by one, outside a list: related articles."""
    depends_on(*(article_name(article.pk) for article in articles))
    declare_cards(articles)


def declare_article_header(article):
    """The article page's header: the article, its authors' names."""
    depends_on(
        article_name(article.pk),
        *(author_name(byline.author_id) for byline in article.bylines.all()),
    )


def next_publication_time():
    """When the next scheduled article comes out: lists change then without any write."""
    return fragment(
        "next-publication",
        Article.objects.next_publication_time,
        depends_on=[ARTICLES],
        is_current_value=lambda at: at is None or at > timezone.now(),
    )


# What writes renew ----------------------------------------------------------------------------


def _month(status, published_at):
    """The archive month an article is in (scheduled ones included), or None."""
    if status != Article.Status.PUBLISHED or published_at is None:
        return None
    local = timezone.localtime(published_at)  # the archive's months are the site's
    return (local.year, local.month)


def _months_change(article_id, before, after):
    """Whether an article moving from month ``before`` to ``after`` changes the archive's
    months: the month it leaves or enters has no other article."""
    if before == after:
        return False
    others = Article.objects.published_or_scheduled().exclude(pk=article_id)
    return any(
        month is not None
        and not others.filter(published_at__year=month[0], published_at__month=month[1]).exists()
        for month in (before, after)
    )


def _lists_of(article_id):
    """The tag and author lists an article is in."""
    tags = Article.tags.through.objects.filter(article_id=article_id)
    authors = ArticleAuthor.objects.filter(article_id=article_id)
    return [
        *(tag_articles(pk) for pk in tags.values_list("tag_id", flat=True)),
        *(author_articles(pk) for pk in authors.values_list("author_id", flat=True)),
    ]


def renew_article(article_id, *, also=()):
    """An article's page, and the lists it is in if readers may see it (now or when its time
    comes): after a write to one of its parts."""
    row = Article.objects.filter(pk=article_id).values("status", "section_id").first()
    names = [article_name(article_id), *also]
    if row and row["status"] == Article.Status.PUBLISHED:
        names += [ARTICLES, section_articles(row["section_id"]), *_lists_of(article_id)]
    renew(*names)


def article_saving(sender, instance, raw=False, **kwargs):
    """Before a save: where the article was listed, to renew the lists it leaves."""
    before = None
    if instance.pk is not None and not raw:
        before = (
            Article.objects.filter(pk=instance.pk)
            .values("status", "section_id", "published_at")
            .first()
        )
    instance._listed_before = before


def article_saved(sender, instance, raw=False, **kwargs):
    before = getattr(instance, "_listed_before", None) or {}
    was_listed = before.get("status") == Article.Status.PUBLISHED
    names = [article_name(instance.pk)]
    if was_listed or instance.status == Article.Status.PUBLISHED:
        # The pages of articles that chose it as related show it while readers may see it.
        chosen_by = Article.related.through.objects.filter(to_article_id=instance.pk)
        names += [
            ARTICLES,
            section_articles(instance.section_id),
            *([section_articles(before["section_id"])] if before else []),
            *_lists_of(instance.pk),
            *(article_name(pk) for pk in chosen_by.values_list("from_article_id", flat=True)),
        ]
    month_before = _month(before.get("status"), before.get("published_at"))
    if _months_change(instance.pk, month_before, _month(instance.status, instance.published_at)):
        names.append(NAV)
    renew(*names)


def article_deleting(sender, instance, **kwargs):
    """Before a delete: the lists it is in (its tags and bylines go with it)."""
    instance._lists_before = _lists_of(instance.pk)


def article_deleted(sender, instance, **kwargs):
    names = [article_name(instance.pk)]
    if instance.status == Article.Status.PUBLISHED:
        names += [ARTICLES, section_articles(instance.section_id)]
        names += getattr(instance, "_lists_before", [])
        if _months_change(instance.pk, _month(instance.status, instance.published_at), None):
            names.append(NAV)
    renew(*names)


def part_saving(sender, instance, raw=False, **kwargs):
    """Before a byline is saved: its author as stored, whose list it may leave."""
    if isinstance(instance, ArticleAuthor) and instance.pk is not None and not raw:
        stored = ArticleAuthor.objects.filter(pk=instance.pk).values("author_id").first()
        instance._author_before = stored["author_id"] if stored else None


def part_changed(sender, instance, **kwargs):
    """A byline, image, source or former address of an article saved or deleted."""
    also = []
    if isinstance(instance, ArticleAuthor):
        also = [author_articles(instance.author_id)]
        before = getattr(instance, "_author_before", None)
        if before is not None:
            also.append(author_articles(before))
    renew_article(instance.article_id, also=also)


def tags_changing(sender, instance, action, reverse, pk_set, **kwargs):
    """Tags added to or removed from articles (from either side of the relation)."""
    if action == "pre_clear":
        # Cleared rows are gone after the fact: note which were there.
        if reverse:
            instance._cleared = set(instance.articles.values_list("pk", flat=True))
        else:
            instance._cleared = set(instance.tags.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    pks = pk_set if action != "post_clear" else getattr(instance, "_cleared", set())
    if reverse:  # instance is a tag, pks are articles
        for article_id in pks:
            renew_article(article_id, also=[tag_articles(instance.pk)])
    else:
        renew_article(instance.pk, also=[tag_articles(pk) for pk in pks])


def related_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Articles chosen as related: the page of the article that shows them."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:
        renew(*(article_name(pk) for pk in pk_set or ()))
    else:
        renew(article_name(instance.pk))


def note_changed(sender, instance, **kwargs):
    """A correction or update saved or deleted: its article's page (the notes at its end, the
    line under its title, its structured data), the lists and feeds showing its date, and the
    corrections page."""
    renew_article(instance.article_id, also=[CORRECTIONS])


def section_changed(sender, instance, **kwargs):
    renew(NAV, section_articles(instance.pk))


def tag_changed(sender, instance, **kwargs):
    renew(TAGS, tag_name(instance.pk), tag_articles(instance.pk))


def author_changed(sender, instance, **kwargs):
    renew(AUTHORS, author_name(instance.pk), author_articles(instance.pk))


def body_refreshed(sender, instance, **kwargs):
    renew_article(instance.pk)


def renditions_stored(sender, instance, **kwargs):
    """Renditions written for an image or an author's photo (without a save signal)."""
    if isinstance(instance, ArticleImage):
        renew_article(instance.article_id)
    else:
        author_changed(sender, instance)
