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


# Commenters' pages that take no argument, and those opened by a link from an email.
PLAIN_PAGES = [
    "comments:confirmed",
    "comments:unsubscribed",
    "comments:your-data",
    "comments:your-data-sent",
    "comments:your-data-mine",
    "comments:your-data-download",
    "comments:your-data-erase",
    "comments:your-data-stop",
    "comments:your-data-erased",
    "comments:your-data-stopped",
]
LINKED_PAGES = [
    "comments:confirm",
    "comments:unsubscribe-thread",
    "comments:unsubscribe-all",
    "comments:your-data-open",
]


def commenter_pages(emails, comment):
    """Every page of commenters' emails, with links for addresses of ``emails`` (subscribed to
    replies to ``comment``): what a crawl for leaks must request too."""
    from comments import links
    from comments.models import CommenterAddress, DataRequest, ReplySubscription

    urls = [reverse(name) for name in PLAIN_PAGES]
    for email in emails:
        address, _created = CommenterAddress.objects.get_or_create(email=email.lower())
        request = DataRequest.objects.create(email=email.lower())
        urls += [
            links.confirm_url("", address.pk),
            links.unsubscribe_all_url("", address.pk),
            links.data_url("", request.pk),
        ]
    address = CommenterAddress.objects.get(email=emails[0].lower())
    subscription, _created = ReplySubscription.objects.get_or_create(
        comment=comment, defaults={"address": address}
    )
    urls.append(links.unsubscribe_thread_url("", subscription.pk))
    return urls
