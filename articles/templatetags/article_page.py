"""The article page's parts that change only when the article (or what it shows) does, each kept
in the fragment cache: its header (its comment count excepted), its body (pictures, text,
teasers, sources, tags) and its related articles. A reader past the page cache (staff, a reader
with a pending comment, the first reader after a change elsewhere on the site) gets them as they
were kept.

    {% load article_page %}
    {% article_header article %}
    {% article_body article %}
    {% related_articles article %}
"""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from pagecache import depends_on, fragment

from .. import dependencies
from ..models import Article
from .article_cards import COUNT_SLOT, fill_count

register = template.Library()


@register.simple_tag
def article_header(article):
    def make():
        article.load_header()
        dependencies.declare_article_header(article)
        return render_to_string(
            "articles/article_header.html", {"article": article, "count_slot": COUNT_SLOT}
        )

    key = f"article-header:{article.pk}:{get_language()}:{timezone.get_current_timezone_name()}"
    html = fragment(key, make, depends_on=[dependencies.article_name(article.pk)])
    # Made by a template escaping what editors typed; the count changes with each approval.
    return mark_safe(fill_count(html, article))


@register.simple_tag
def article_body(article):
    def make():
        article.load_parts()
        teaser_ids = article.teaser_ids
        teasers = (
            list(Article.objects.published().for_listing().filter(pk__in=teaser_ids))
            if teaser_ids
            else []
        )
        depends_on(*(dependencies.tag_name(tag.pk) for tag in article.tags.all()))
        # A teaser shows while its article is published, so each one's name, shown or not.
        depends_on(*(dependencies.article_name(pk) for pk in teaser_ids))
        return render_to_string(
            "articles/article_body.html",
            {"article": article, "body_blocks": article.body_blocks(teasers)},
        )

    key = f"article-body:{article.pk}:{get_language()}"
    return mark_safe(
        fragment(key, make, depends_on=[dependencies.article_name(article.pk)])
    )  # made of templates escaping what editors typed, and of sanitized body HTML


@register.simple_tag
def related_articles(article):
    def make():
        related = article.related_for_readers()
        dependencies.declare_shown_articles(related)
        return render_to_string("articles/related_articles.html", {"related_articles": related})

    key = f"related:{article.pk}:{get_language()}:{timezone.get_current_timezone_name()}"
    names = [
        dependencies.article_name(article.pk),  # the articles chosen
        dependencies.section_articles(article.section_id),  # its section's latest
    ]
    return mark_safe(fragment(key, make, depends_on=names))  # rendered by templates
