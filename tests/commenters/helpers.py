"""What tests of commenters' emails share: posting with the box ticked, reading links from mail."""

import re
from urllib.parse import urlsplit

from django.core import mail
from django.urls import reverse

from comments import replies
from comments.models import Comment
from tests.comments.test_flow import comment_data

LINK = re.compile(r"https?://[^\s\"<>]+")


def post(client, article, **fields):
    """Post a comment as a browser does; the comment stored."""
    response = client.post(
        reverse("comments:post", kwargs={"slug": article.slug}), comment_data(article, **fields)
    )
    assert response.status_code == 302, response.content[:500]
    return Comment.objects.latest("id")


def links_in(message):
    """Paths of the links in a message's text part."""
    return [urlsplit(url).path for url in LINK.findall(message.body)]


def link_to(message, marker):
    """The path of the one link in ``message`` whose path contains ``marker``."""
    found = [path for path in links_in(message) if marker in path]
    assert len(found) == 1, (marker, links_in(message))
    return found[0]


def sent_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def approve(comment):
    """What a moderator's "Approve" does, with what the admin calls after."""
    comment.moderate(Comment.Status.APPROVED, by=None)
    replies.replies_visible([comment], base_url="http://testserver")
