"""Arranging a page's comments into threads, and their HTML.

Each comment's own HTML is kept in the fragment cache under a key naming what it is made of:
the comment as of its last change (its version), whether it has replies, and the page's way of
writing comments (``pagecache.kept_parts``); an article's pieces are kept all together, and
those made since apart, so that a change writes a few pieces, not hundreds. A thread that grows
by one comment renders that one; the others are reused and only nested together again, and
while they are kept, the comments are read without their text (``OutlinedComment``), in one
pass over plain rows. After a moderator's decision the threads are made again before any reader
asks (``kept_threads.py``)."""

import hashlib

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from pagecache import keep_parts, kept_parts

from .models import Comment

# Where a comment's replies go in its HTML; comment text is escaped, so never in a comment.
REPLIES = "<!--comment-replies-->"
_REPLIES = REPLIES.encode()
# Pieces made since all of a page's were last kept together, kept apart (a few, written at each
# change, instead of hundreds) until there are this many of them, or of pieces no longer used.
RECENT_PIECES = 40


def arrange(comments):
    """Comments (oldest first) as ``(top level, {id: its replies})``, each list oldest first.

    A reply whose parent is not shown (removed, or someone else's pending comment) is shown
    at the top level rather than lost.
    """
    shown = {comment.pk for comment in comments}
    top, replies = [], {}
    for comment in comments:
        parent = comment.parent_id
        if parent in shown:
            replies.setdefault(parent, []).append(comment)
        else:
            top.append(comment)
    return top, replies


def approved_threads(article, *, is_open):
    """``(count, HTML)`` of the comments every reader of ``article`` sees."""
    page = _Page(article, is_open)
    comments = Comment.objects.for_article_page(article)
    rows = comments.outlined() if page.kept else comments.shown()
    html = page.html(rows) if rows else ""  # "No comments yet." instead of an empty list
    return sum(1 for row in rows if row.is_counted), html


def threads_html(article, comments, *, is_open):
    """The comment list of ``article`` as safe HTML, from ``comments`` oldest first
    (``ShownComment`` rows), the reader's own pending ones among them."""
    return _Page(article, is_open).html(comments)


class _Page:
    """How one page writes its comments, and their pieces kept for it."""

    def __init__(self, article, is_open):
        self.context = {
            "article_url": article.get_absolute_url(),
            "is_open": is_open,
            "max_depth": settings.COMMENTS_MAX_DEPTH,
        }
        made_with = "|".join(
            str(value)
            for value in (
                *self.context.values(),
                get_language(),
                timezone.get_current_timezone_name(),
            )
        )
        digest = hashlib.md5(made_with.encode(), usedforsecurity=False).hexdigest()
        self.group = f"comments:{article.pk}:{digest}"
        self.all_kept = kept_parts(self.group)
        self.recent = kept_parts(f"{self.group}:recent")
        self.kept = {**self.all_kept, **self.recent} if self.recent else self.all_kept

    def html(self, rows):
        top, replies = arrange(rows)
        pieces = self._pieces(rows, replies)
        # Pieces are kept as UTF-8: a few hundred of them read back far faster than as text.
        # Each is cut once where its replies go, and everything joined once.
        parts = []
        append = parts.append

        def write(row):
            piece = pieces[row.id]
            answers = replies.get(row.id)
            if answers is None:
                append(piece)
                return
            before, _replies, after = piece.partition(_REPLIES)
            append(before)
            for answer in answers:
                write(answer)
            append(after)

        for row in top:
            write(row)
        items = b"".join(parts).decode()
        return render_to_string("comments/threads.html", {"items_html": mark_safe(items)})

    def _pieces(self, rows, replies):
        """``{comment id: its <li>, REPLIES where its replies go}``: approved comments' kept
        pieces, the others made now (and kept); a reader's own pending ones always made now."""
        kept, pending = self.kept, Comment.Status.PENDING
        shared, pieces, to_render = {}, {}, []
        for row in rows:
            if row.status == pending:
                to_render.append(row)
                continue
            # What a piece is made of, besides the page's: the comment as of its last change
            # (its version), and whether it has replies.
            key = f"{row.id}.{row.version}.{1 if row.id in replies else 0}"
            shared[key] = row.id
            piece = kept.get(key)
            if piece is None:
                to_render.append(row)
            else:
                pieces[row.id] = piece
        changed = len(pieces) != len(kept) or len(shared) != len(kept)
        comments = _comments_of(to_render)
        for row in to_render:
            pieces[row.id] = self._render(comments[row.id], has_replies=row.id in replies)
        if changed:
            self._keep({key: pieces[pk] for key, pk in shared.items()})
        return pieces

    def _keep(self, used):
        """Keep the pieces ``used`` now: those new since all were kept together apart, while
        they and the pieces no longer used are few; else (or the first time) all together
        again, so that the pieces no longer used drop out."""
        recent = {key: piece for key, piece in used.items() if key not in self.all_kept}
        unused = len(self.all_kept) - (len(used) - len(recent))
        if self.all_kept and len(recent) <= RECENT_PIECES and unused <= RECENT_PIECES:
            keep_parts(f"{self.group}:recent", recent)
        else:
            keep_parts(self.group, used)
            if self.recent:
                keep_parts(f"{self.group}:recent", {})

    def _render(self, comment, *, has_replies):
        html = render_to_string(
            "comments/comment.html",
            {
                **self.context,
                "comment": comment,
                "replies_html": mark_safe(REPLIES) if has_replies else "",
            },
        )
        return html.encode()


def _comments_of(rows):
    """``{id: Comment}`` to render ``rows``: from the rows when they hold the text, else read
    (the rows were outlines)."""
    found = {row.id: row.as_comment() for row in rows if hasattr(row, "as_comment")}
    outlined = [row.id for row in rows if row.id not in found]
    if outlined:
        found.update(Comment.objects.public().in_bulk(outlined))
    return found
