import functools

from django import template
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from articles.models import Article
from pagecache import (
    fill_slots,
    fragment,
    keep_until,
    leaving,
    refresh_on_serve,
    slot,
    slots_in,
    spliced_in,
)

from ..dependencies import declare_comments
from ..forms import CommentForm, sign_render_time
from ..kept_threads import kept_comments
from ..models import Comment
from ..pending import note_moderated, pending_ids
from ..services import article_comments_close_at, article_takes_comments
from ..threads import threads_html

register = template.Library()

# The comment counts of a list kept without them (pagecache.leaving_slots()).
COUNT_SLOT = "comment-count"


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
        count, threads = kept_comments(article, is_open)
        form_html = ""
        if is_open:
            # The form changes with the article's address only: approvals leave it be.
            form_key = f"comment-form:{article.pk}:{article.slug}:{get_language()}"
            form_html = fragment(form_key, lambda: empty_form(article))
        rendered_at = sign_render_time(article.pk)
        if is_open:
            refresh_on_serve(rendered_at, sign_render_time, article.pk)
        return {
            **section,
            "approved_count": count,
            "threads_html": spliced_in(threads) if threads else "",
            "form_html": mark_safe(form_html.replace(RENDERED_AT, rendered_at)),
        }

    form = form or CommentForm(article=article, initial={"parent": reply_to_id})
    if is_open and not form.is_bound:
        refresh_on_serve(form.initial["rendered"], sign_render_time, article.pk)
    comments = [
        comment.as_seen_by_author() if comment.pk in pending else comment
        for comment in Comment.objects.for_article_page(article, pending).shown()
    ]
    if request is not None and pending:
        note_moderated(
            request,
            waiting=[c.pk for c in comments if c.is_pending],
            approved=[c.pk for c in comments if c.pk in pending and not c.is_pending],
        )
    parent_id = str(form["parent"].value() or "")
    reply_to = next((c for c in comments if str(c.pk) == parent_id and not c.is_pending), None)
    return {
        **section,
        "form": form,
        "threads_html": threads_html(article, comments, is_open=is_open) if comments else "",
        "approved_count": sum(1 for c in comments if c.is_counted),
        "reply_to": reply_to.as_comment() if reply_to else None,
    }


def empty_form(article):
    """The empty comment form's HTML, the time it was shown left to fill in."""
    form = CommentForm(article=article)
    form.initial["rendered"] = RENDERED_AT
    return render_to_string("comments/form.html", {"article": article, "form": form})


@register.simple_tag
def load_comment_counts(*groups):
    """Give each article in ``groups`` (articles, or lists of them) its number of approved
    comments, in one query for them all; nothing in a list kept without its counts."""
    if leaving(COUNT_SLOT):
        return ""
    articles = []
    for group in groups:
        articles.extend([group] if isinstance(group, Article) else group)
    counts = Comment.objects.approved_counts([a.pk for a in articles])
    declare_comments(*(article.pk for article in articles))
    for article in articles:
        article.approved_comment_count = counts.get(article.pk, 0)
    return ""


@register.simple_tag
def comment_count(article):
    """An article's number of comments: given by ``load_comment_counts``, else the count of
    its kept comments (the article's own page, which shows them anyway); in a list kept without
    its counts, a slot that ``{% with_comment_counts %}`` fills."""
    url = article.get_absolute_url()
    marker = slot(COUNT_SLOT, article.pk, url)
    if marker is not None:
        return mark_safe(marker)
    count = getattr(article, "approved_comment_count", None)
    declare_comments(article.pk)
    if count is None:
        count, _threads = kept_comments(article, article_takes_comments(article))
    return _count_html(url, count)


@register.simple_tag
def with_comment_counts(html):
    """``html``, a list kept without its comment counts, with those of now: one query for
    them all."""
    shown = slots_in(html, COUNT_SLOT)
    if not shown:
        return html
    ids = {int(article_id) for article_id, _url in shown}
    counts = Comment.objects.approved_counts(ids)
    declare_comments(*ids)
    fills = {
        (article_id, url): _count_html(url, counts.get(int(article_id), 0))
        for article_id, url in shown
    }
    return mark_safe(fill_slots(html, COUNT_SLOT, fills))  # counts made by count.html


def _count_html(url, count):
    return _count_html_in(url, count, get_language())


# A list page shows twenty counts, and is made again after every approval: each count is made
# once per process for its address, number and language.
@functools.lru_cache(maxsize=4096)
def _count_html_in(url, count, language):
    return get_template("comments/count.html").render({"url": url, "count": count})


def _reply_to(request):
    """The comment a reader chose to answer with a plain "Reply" link (?replyto=ID)."""
    value = request.GET.get("replyto", "") if request else ""
    return int(value) if value.isdigit() else None
