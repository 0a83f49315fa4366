from django import template

from ..dependencies import site_pages

register = template.Library()


@register.simple_tag
def privacy_policy_url():
    """The privacy policy's address, or "" while the site has none published."""
    return site_pages().privacy_url
