"""Arranging a page's comments into threads, and their HTML.

Each comment's own HTML is kept in the page cache under a key naming everything it is made of
(``pagecache.parts``), so a thread that grows by one comment renders one comment: the others
are reused, and only nested together again.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from pagecache import parts

# Where a comment's replies go in its HTML; comment text is escaped, so never in a comment.
REPLIES = "<!--comment-replies-->"


@dataclass
class Thread:
    comment: object
    replies: list = field(default_factory=list)


def build_threads(comments):
    """Comments (oldest first) as top-level threads with nested replies.

    A reply whose parent is not shown (removed, or someone else's pending comment) is shown
    at the top level rather than lost.
    """
    nodes = {comment.pk: Thread(comment) for comment in comments}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.comment.parent_id)
        (parent.replies if parent else roots).append(node)
    return roots


def threads_html(article, comments, *, is_open):
    """The comment list of ``article`` (``comments`` oldest first), as safe HTML."""
    threads = build_threads(comments)
    context = {
        "article_url": article.get_absolute_url(),
        "is_open": is_open,
        "max_depth": settings.COMMENTS_MAX_DEPTH,
    }
    pieces = _comment_pieces(_flatten(threads), context)

    def nest(thread):
        piece = pieces[thread.comment.pk]
        if not thread.replies:
            return piece
        return piece.replace(REPLIES, "".join(nest(reply) for reply in thread.replies), 1)

    items = "".join(nest(thread) for thread in threads)
    return render_to_string("comments/threads.html", {"items_html": mark_safe(items)})


def _flatten(threads):
    for thread in threads:
        yield thread
        yield from _flatten(thread.replies)


def _comment_pieces(threads, context):
    """``{comment id: its <li>, with REPLIES where its replies go}``. Approved comments come
    from the page cache when made before; a reader's own pending ones are always made now."""
    threads = list(threads)
    shared = {_piece_key(t, context): t for t in threads if not t.comment.is_pending}

    def make(keys):
        return {key: _render(shared[key], context) for key in keys}

    kept = parts(list(shared), make)
    pieces = {thread.comment.pk: kept[key] for key, thread in shared.items()}
    for thread in threads:
        if thread.comment.is_pending:
            pieces[thread.comment.pk] = _render(thread, context)
    return pieces


def _render(thread, context):
    return render_to_string(
        "comments/comment.html",
        {
            **context,
            "comment": thread.comment,
            "replies_html": mark_safe(REPLIES) if thread.replies else "",
        },
    )


def _piece_key(thread, context):
    """What a comment's HTML is made of: its shown fields, whether it has replies, the page's
    settings, the language and time zone its date is written in."""
    comment = thread.comment
    made_of = "\x1f".join(
        str(value)
        for value in (
            comment.pk,
            comment.status,
            comment.depth,
            comment.author_name,
            comment.author_url,
            comment.body_html,
            comment.is_staff_reply,
            comment.created_at.isoformat(),
            comment.erased_at,
            bool(thread.replies),
            context["article_url"],
            context["is_open"],
            context["max_depth"],
            get_language(),
            timezone.get_current_timezone_name(),
        )
    )
    return "comment:" + hashlib.md5(made_of.encode(), usedforsecurity=False).hexdigest()
