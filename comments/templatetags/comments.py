from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from articles.models import Article
from pagecache import fragment, keep_until, refresh_on_serve

from ..dependencies import comments_of, declare_comments
from ..forms import CommentForm, sign_render_time
from ..models import Comment
from ..pending import note_still_pending, pending_ids
from ..services import article_comments_close_at, article_takes_comments
from ..threads import threads_html

register = template.Library()


# Stands for the form's render time in the form's shared HTML; each page gets its own time.
RENDERED_AT = "rendered-at-placeholder"


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article):
    """The comments under an article: threads, the reader's own pending comments, the form."""
    request = context.get("request")
    pending = pending_ids(request)
    form = context.get("comment_form")
    reply_to_id = _reply_to(request)
    is_open = article_takes_comments(article)
    section = {
        "article": article,
        "is_open": is_open,
        "refusal": context.get("comment_refusal"),
        "request": request,
    }
    declare_comments(article.pk)
    if is_open:
        keep_until(article_comments_close_at(article))

    if not pending and form is None and reply_to_id is None:
        # What every reader sees, made once until the next change; only the time the form
        # was shown (for the too-fast rule) is each reader's own.
        key = f"comments:{article.pk}:{article.slug}:{is_open}:{get_language()}"
        count, threads, form_html = fragment(
            key, lambda: shared_comments(article, is_open), depends_on=[comments_of(article.pk)]
        )
        rendered_at = sign_render_time(article.pk)
        if is_open:
            refresh_on_serve(rendered_at, sign_render_time, article.pk)
        return {
            **section,
            "approved_count": count,
            "threads_html": threads,
            "form_html": mark_safe(form_html.replace(RENDERED_AT, rendered_at)),
        }

    form = form or CommentForm(article=article, initial={"parent": reply_to_id})
    if is_open and not form.is_bound:
        refresh_on_serve(form.initial["rendered"], sign_render_time, article.pk)
    comments = list(Comment.objects.for_article_page(article, pending))
    if request is not None and pending:
        note_still_pending(request, [c.pk for c in comments if c.is_pending])
    parent_id = str(form["parent"].value() or "")
    return {
        **section,
        "form": form,
        "threads_html": threads_html(article, comments, is_open=is_open) if comments else "",
        "approved_count": sum(1 for c in comments if c.is_counted),
        "reply_to": next(
            (c for c in comments if str(c.pk) == parent_id and not c.is_pending), None
        ),
    }


def shared_comments(article, is_open):
    """The approved comments' count, their threads' HTML, and the empty form's HTML."""
    comments = list(Comment.objects.for_article_page(article))
    # "No comments yet." instead of an empty list
    threads = threads_html(article, comments, is_open=is_open) if comments else ""
    form_html = ""
    if is_open:
        form = CommentForm(article=article)
        form.initial["rendered"] = RENDERED_AT
        form_html = render_to_string("comments/form.html", {"article": article, "form": form})
    return sum(1 for c in comments if c.is_counted), threads, form_html


@register.simple_tag
def load_comment_counts(*groups):
    """Give each article in ``groups`` (articles, or lists of them) its number of approved
    comments, in one query for them all."""
    articles = []
    for group in groups:
        articles.extend([group] if isinstance(group, Article) else group)
    counts = Comment.objects.approved_counts([a.pk for a in articles])
    declare_comments(*(article.pk for article in articles))
    for article in articles:
        article.approved_comment_count = counts.get(article.pk, 0)
    return ""


@register.inclusion_tag("comments/count.html")
def comment_count(article):
    count = getattr(article, "approved_comment_count", None)
    declare_comments(article.pk)
    if count is None:
        count = Comment.objects.approved_counts([article.pk]).get(article.pk, 0)
    return {"article": article, "count": count}


def _reply_to(request):
    """The comment a reader chose to answer with a plain "Reply" link (?replyto=ID)."""
    value = request.GET.get("replyto", "") if request else ""
    return int(value) if value.isdigit() else None
