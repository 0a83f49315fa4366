from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from pagecache import depends_on, fragment

from .. import dependencies, metadata

register = template.Library()


@register.simple_tag(takes_context=True)
def article_metadata(context, article):
    """Open Graph, Twitter card and JSON-LD ``NewsArticle`` tags for an article's <head>, kept
    as made until the article, its tags, its authors or its section's name change."""
    request = context["request"]

    def make():
        article.load_header()
        article.load_parts()
        depends_on(
            dependencies.NAV,
            *(dependencies.tag_name(tag.pk) for tag in article.tags.all()),
            *(dependencies.author_name(author.pk) for author in article.byline_authors),
        )
        absolute = request.build_absolute_uri
        return render_to_string(
            "includes/article_metadata.html",
            {
                "open_graph": metadata.open_graph(article, absolute),
                "twitter": metadata.twitter_card(article, absolute),
                "json_ld": metadata.json_ld(metadata.news_article(article, absolute)),
            },
        )

    site = f"{request.scheme}://{request.get_host()}"
    key = f"article-metadata-html:{article.pk}:{get_language()}:{site}"
    # Rendered by a template that escapes every value; the JSON-LD is escaped for a <script>.
    return mark_safe(fragment(key, make, depends_on=[dependencies.article_name(article.pk)]))
