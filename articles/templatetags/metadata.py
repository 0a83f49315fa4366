from django import template

from .. import metadata

register = template.Library()


@register.inclusion_tag("includes/article_metadata.html", takes_context=True)
def article_metadata(context, article):
    """Open Graph, Twitter card and JSON-LD ``NewsArticle`` tags for an article's <head>."""
    absolute = context["request"].build_absolute_uri
    return {
        "open_graph": metadata.open_graph(article, absolute),
        "twitter": metadata.twitter_card(article, absolute),
        "json_ld": metadata.json_ld(metadata.news_article(article, absolute)),
    }
