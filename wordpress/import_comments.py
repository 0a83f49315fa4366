"""A post's comments, replies in their threads; pingbacks and trackbacks left out."""

from django.utils.translation import gettext as _

from comments.models import Comment
from comments.senders import sender_hash

from . import convert
from .models import ImportedObject
from .rules import (
    COMMENT_STATUSES,
    SKIPPED_COMMENT_TYPES,
    depth_of,
    fit,
    recent_ip,
    valid_email,
    valid_website,
)

Kind = ImportedObject.Kind


class CommentsMixin:
    """Part of ``WordPressImport``: a post's comments."""

    def _comments(self, item, article):
        by_id = {comment.id: comment for comment in item.comments}
        for comment in sorted(item.comments, key=lambda c: (depth_of(c, by_id), c.id)):
            if comment.type in SKIPPED_COMMENT_TYPES:
                self.report.skip("comments", SKIPPED_COMMENT_TYPES[comment.type])
            elif comment.type not in {"", "comment"}:
                self.report.skip("comments", _("type “%(type)s”") % {"type": comment.type})
            else:
                self._comment(comment, article, item)

    def _comment(self, comment, article, item):
        parent = self.comments_made.get(comment.parent)
        created_at = comment.date_gmt or item.date_gmt
        values = {
            "article_id": article.pk,
            "parent_id": parent.pk if parent else None,
            "author_name": fit(comment.author, 100) or _("Anonymous"),
            "author_email": valid_email(comment.email),
            "author_url": valid_website(comment.url),
            "body": convert.plain_text(comment.content),
            "status": COMMENT_STATUSES.get(comment.approved, Comment.Status.PENDING),
            "sender_hash": sender_hash(recent_ip(comment.ip, created_at)),
        }
        if created_at:
            values["created_at"] = created_at
        # The parent given as an object: a new comment reads its depth without a query.
        made, outcome = self._upsert(
            Kind.COMMENT, comment.id, Comment, values, related={"parent": parent}
        )
        self.report.count("comments", outcome)
        self.comments_made[comment.id] = made
