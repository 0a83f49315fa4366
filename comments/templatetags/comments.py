from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from articles.models import Article
from newsroom.pagecache import fragment, keep_until, refresh_on_serve

from ..forms import CommentForm, sign_render_time
from ..models import Comment
from ..services import article_comments_close_at, article_takes_comments
from ..threads import build_threads
from ..views import pending_comment_ids

register = template.Library()


# Stands for the form's render time in the form's shared HTML; each page gets its own time.
RENDERED_AT = "rendered-at-placeholder"


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article):
    """The comments under an article: threads, the reader's own pending comments, the form."""
    request = context.get("request")
    pending_ids = pending_comment_ids(request) if request else []
    form = context.get("comment_form")
    reply_to_id = _reply_to(request)
    is_open = article_takes_comments(article)
    section = {
        "article": article,
        "is_open": is_open,
        "refusal": context.get("comment_refusal"),
        "request": request,
    }
    if request is not None and is_open:
        keep_until(request, article_comments_close_at(article))

    if not pending_ids and form is None and reply_to_id is None:
        # What every reader sees, made once until the next change; only the time the form
        # was shown (for the too-fast rule) is each reader's own.
        key = f"comments:{article.pk}:{is_open}:{get_language()}"
        count, threads_html, form_html = fragment(key, lambda: shared_comments(article, is_open))
        rendered_at = sign_render_time(article.pk)
        if request is not None and is_open:
            refresh_on_serve(request, rendered_at, sign_render_time, article.pk)
        return {
            **section,
            "approved_count": count,
            "threads_html": threads_html,
            "form_html": mark_safe(form_html.replace(RENDERED_AT, rendered_at)),
        }

    form = form or CommentForm(article=article, initial={"parent": reply_to_id})
    if request is not None and is_open and not form.is_bound:
        refresh_on_serve(request, form.initial["rendered"], sign_render_time, article.pk)
    comments = list(Comment.objects.for_article_page(article, pending_ids))
    parent_id = str(form["parent"].value() or "")
    return {
        **section,
        "form": form,
        "threads": build_threads(comments),
        "approved_count": sum(1 for c in comments if c.is_counted),
        "reply_to": next(
            (c for c in comments if str(c.pk) == parent_id and not c.is_pending), None
        ),
        "max_depth": settings.COMMENTS_MAX_DEPTH,
    }


def shared_comments(article, is_open):
    """The approved comments' count, their threads' HTML, and the empty form's HTML."""
    comments = list(Comment.objects.for_article_page(article))
    threads_html = render_to_string(
        "comments/threads.html",
        {
            "article": article,
            "threads": build_threads(comments),
            "is_open": is_open,
            "max_depth": settings.COMMENTS_MAX_DEPTH,
        },
    )
    if not comments:
        threads_html = ""  # "No comments yet." instead of an empty list
    form_html = ""
    if is_open:
        form = CommentForm(article=article)
        form.initial["rendered"] = RENDERED_AT
        form_html = render_to_string("comments/form.html", {"article": article, "form": form})
    return sum(1 for c in comments if c.is_counted), threads_html, form_html


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
