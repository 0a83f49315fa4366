"""Template tags for the admin's own pages."""

from django import template

from ..models import Comment

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_comment_count(context):
    """How many comments await moderation; None for users who may not see comments."""
    request = context.get("request")
    if request is None or not request.user.has_perm("comments.view_comment"):
        return None
    return Comment.objects.pending().count()
