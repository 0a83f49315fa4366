from django import template
from django.utils.translation import get_language

from pagecache import depends_on, fragment

from .. import dependencies, metadata

register = template.Library()


@register.inclusion_tag("includes/article_metadata.html", takes_context=True)
def article_metadata(context, article):
    """Open Graph, Twitter card and JSON-LD ``NewsArticle`` tags for an article's <head>, kept
    until the article, its tags, its authors or its section's name change."""
    request = context["request"]

    def make():
        article.load_parts()
        depends_on(
            dependencies.NAV,
            *(dependencies.tag_name(tag.pk) for tag in article.tags.all()),
            *(dependencies.author_name(author.pk) for author in article.byline_authors),
        )
        absolute = request.build_absolute_uri
        return {
            "open_graph": metadata.open_graph(article, absolute),
            "twitter": metadata.twitter_card(article, absolute),
            "json_ld": metadata.json_ld(metadata.news_article(article, absolute)),
        }

    site = f"{request.scheme}://{request.get_host()}"
    key = f"article-metadata:{article.pk}:{get_language()}:{site}"
    return fragment(key, make, depends_on=[dependencies.article_name(article.pk)])
