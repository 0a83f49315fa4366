"""Comment factories: each builds one valid object; tests override what they care about."""

import itertools
import time

from comments.forms import sign_render_time
from comments.models import Comment
from tests.factories import make_article, make_user

_numbers = itertools.count(1)


def make_comment(article=None, **fields):
    """A pending comment by a first-time commenter, on a new article unless one is given."""
    n = next(_numbers)
    fields.setdefault("author_name", f"Reader {n}")
    fields.setdefault("author_email", f"reader{n}@example.net")
    fields.setdefault("body", f"Comment number {n}, with an opinion.")
    fields.setdefault("status", Comment.Status.PENDING)
    fields.setdefault("reason", Comment.Reason.FIRST_TIME)
    fields.setdefault("sender_hash", "5e4de7a2c0ffee00")
    fields.setdefault("user_agent", "Mozilla/5.0 (test)")
    return Comment.objects.create(article=article or make_article(), **fields)


def make_moderator(**fields):
    """A staff member of the Moderators group (created by a data migration)."""
    return make_user(is_staff=True, groups=["Moderators"], **fields)


def comment_form_data(article, **fields):
    """What a reader's browser sends to comment on ``article``, ten seconds after the form was
    rendered (so neither too fast nor expired)."""
    return {
        "author_name": "Ada Reader",
        "author_email": "ada@example.net",
        "author_url": "",
        "body": "A thoughtful remark about the story.",
        "rendered": sign_render_time(article.pk, now=time.time() - 10),
        "homepage": "",
        "parent": "",
        **fields,
    }
