"""Lists of article cards, kept as they were made: a list renewed by a comment on one of its
articles (its count changed) is put together again without making its cards again.

    {% load article_cards %}
    {% article_cards articles level=3 without_counts=True %}

The cards are kept under a key made of everything they show (``card_key()``), so they need no
versions: a card whose article, section, bylines or picture changed has another key. Their
comment counts are left out of what is kept and filled in for each page, from
``includes/card_count.html``.
"""

import hashlib

from django import template
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from pagecache import keep_parts, kept_parts

register = template.Library()

COUNT_SLOT = mark_safe("<!--comment-count-->")


def card_key(article):
    """What an article's card is made of (see ``includes/article_card.html``)."""
    section = article.section
    image = article.lead_image
    return "|".join(
        str(value)
        for value in (
            article.pk,
            article.slug,
            article.title,
            article.standfirst,
            article.published_at.isoformat() if article.published_at else "",
            section.slug,
            section.name,
            *(f"{author.pk}:{author.slug}:{author.name}" for author in article.byline_authors),
            *(
                (image.pk, image.image.name, image.alt, image.renditions)
                if image is not None
                else ()
            ),
        )
    )


def fill_count(html, article):
    """``html`` kept with a ``COUNT_SLOT``, the article's comment count of now in its place."""
    count = get_template("includes/card_count.html").render({"article": article})
    return html.replace(COUNT_SLOT, count, 1)


def kept_list(kind, made_of, make):
    """The pieces ``make()`` returns, kept under a key made of ``made_of`` (strings naming
    everything they show), the language and the time zone: made again only when one changes."""
    made_with = "\n".join([get_language() or "", timezone.get_current_timezone_name(), *made_of])
    group = f"{kind}:" + hashlib.md5(made_with.encode(), usedforsecurity=False).hexdigest()
    pieces = kept_parts(group).get(kind)
    if pieces is None:
        pieces = make()
        keep_parts(group, {kind: pieces})
    return pieces


@register.simple_tag
def article_cards(articles, level=2, without_counts=False):
    """Each article's card as an ``<li>``, their comment counts (unless ``without_counts``)
    those of now."""
    articles = list(articles)

    def make():
        card = get_template("includes/article_card.html")
        context = {
            "level": level,
            "without_counts": without_counts,
            "count_slot": COUNT_SLOT,
        }
        return [card.render({**context, "article": article}) for article in articles]

    made_of = [str(level), str(bool(without_counts)), *(card_key(a) for a in articles)]
    cards = kept_list("cards", made_of, make)
    if not without_counts:
        cards = [fill_count(html, article) for html, article in zip(cards, articles, strict=True)]
    # Made by templates that escape what editors typed.
    return mark_safe("".join(f"<li>{html}</li>" for html in cards))
