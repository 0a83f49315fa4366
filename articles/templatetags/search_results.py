"""The results of a search, their parts that do not depend on the query kept as they were made.

    {% load search_results %}
    {% search_results articles %}

Like article cards (``article_cards``), the results of a page are kept together under a key
made of everything they show but the query's words: another page of results, or an article,
section or author changed, gives another key. The highlighted title and the excerpt are put in
for each page.
"""

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from .article_cards import kept_list

register = template.Library()

TITLE_SLOT = "<!--search-title-->"
EXCERPT_SLOT = "<!--search-excerpt-->"


def result_key(result):
    """What a result is made of, the query's words aside (see ``articles/search_result.html``)."""
    section = result.section
    return "|".join(
        str(value)
        for value in (
            result.pk,
            result.slug,
            result.published_at.isoformat() if result.published_at else "",
            section.slug,
            section.name,
            *(f"{author.pk}:{author.slug}:{author.name}" for author in result.byline_authors),
        )
    )


@register.simple_tag
def search_results(results):
    """Each result (an articles.search.Result with its highlights) as an ``<li>``."""

    def make():
        made = get_template("articles/search_result.html")
        slots = {"title_slot": mark_safe(TITLE_SLOT), "excerpt_slot": mark_safe(EXCERPT_SLOT)}
        return [made.render({**slots, "article": result}) for result in results]

    kept = kept_list("search-results", [result_key(result) for result in results], make)
    # The kept parts and the highlights are made by code that escapes what editors typed: a
    # slot written in their text is escaped, never taken for one.
    return mark_safe(
        "".join(
            html.replace(TITLE_SLOT, result.highlighted_title, 1).replace(
                EXCERPT_SLOT, result.excerpt, 1
            )
            for html, result in zip(kept, results, strict=True)
        )
    )
