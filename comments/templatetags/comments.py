from django import template
from django.conf import settings

from articles.models import Article
from newsroom.pagecache import keep_until, refresh_on_serve

from ..forms import CommentForm, sign_render_time
from ..models import Comment
from ..services import article_takes_comments, comments_close_at
from ..threads import build_threads
from ..views import pending_comment_ids

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article):
    """The comments under an article: threads, the reader's own pending comments, the form."""
    request = context.get("request")
    pending_ids = pending_comment_ids(request) if request else []
    comments = list(Comment.objects.for_article_page(article, pending_ids))
    form = context.get("comment_form") or CommentForm(
        article=article, initial={"parent": _reply_to(request)}
    )
    parent_id = str(form["parent"].value() or "")
    reply_to = next((c for c in comments if str(c.pk) == parent_id and not c.is_pending), None)
    is_open = article_takes_comments(article)
    if request is not None and is_open:
        keep_until(request, comments_close_at(article))
        if not form.is_bound:
            # The time the form was shown, for the too-fast rule: each reader's own.
            refresh_on_serve(request, form.initial["rendered"], sign_render_time, article.pk)
    return {
        "article": article,
        "threads": build_threads(comments),
        "approved_count": sum(1 for c in comments if c.is_counted),
        "reply_to": reply_to,
        "is_open": is_open,
        "form": form,
        "refusal": context.get("comment_refusal"),
        "max_depth": settings.COMMENTS_MAX_DEPTH,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def load_comment_counts(*groups):
    """Give each article in ``groups`` (articles, or lists of them) its number of approved
    comments, in one query for them all."""
    articles = []
    for group in groups:
        articles.extend([group] if isinstance(group, Article) else group)
    counts = Comment.objects.approved_counts([a.pk for a in articles])
    for article in articles:
        article.approved_comment_count = counts.get(article.pk, 0)
    return ""


@register.inclusion_tag("comments/count.html")
def comment_count(article):
    count = getattr(article, "approved_comment_count", None)
    if count is None:
        count = Comment.objects.approved_counts([article.pk]).get(article.pk, 0)
    return {"article": article, "count": count}


def _reply_to(request):
    """The comment a reader chose to answer with a plain "Reply" link (?replyto=ID)."""
    value = request.GET.get("replyto", "") if request else ""
    return int(value) if value.isdigit() else None
