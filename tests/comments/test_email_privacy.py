"""The promise on the form: "Your email address will not be published."

Comments are posted with unique marker emails, some approved, one left pending; then every
public URL the site has is requested, by a stranger and by the commenters themselves, and no
body or header may contain a marker email, its local part, or an MD5/SHA-1/SHA-256 digest of it.
"""

import hashlib
import itertools
import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from comments.models import Comment
from pages.models import Page
from tests.commenters.helpers import LINKED_PAGES, PLAIN_PAGES, commenter_pages
from tests.comments.factories import comment_form_data, make_comment
from tests.factories import make_article, make_author, make_section, make_tag, make_user

pytestmark = pytest.mark.django_db

# Every public URL name, with how the crawl below requests it. A new public page (a feed, a
# sitemap, search) fails test_crawl_covers_every_public_url_pattern until it is crawled too.
CRAWLED_URL_NAMES = {
    "articles:home",
    "articles:detail",
    "articles:preview",
    "articles:section",
    "articles:tag",
    "articles:author",
    "comments:post",
    "articles:archive_year",
    "articles:archive_month",
    "articles:feed",
    "articles:feed_atom",
    "articles:section_feed",
    "articles:section_feed_atom",
    "articles:tag_feed",
    "articles:tag_feed_atom",
    "articles:author_feed",
    "articles:author_feed_atom",
    "robots_txt",
    "sitemap",
    "sitemap_section",
    "articles:search",
    "articles:corrections",
    "healthz",
    "pages:detail",
    # Commenters' own pages, listed by tests/commenters/helpers.py for the crawl.
    *PLAIN_PAGES,
    *LINKED_PAGES,
}


def browser():
    """A reader's browser with its own address, so the flood limit counts it apart."""
    return Client(REMOTE_ADDR=f"198.51.100.{next(_addresses)}")


_addresses = itertools.count(1)


def marker_email():
    return f"zq-marker-{uuid.uuid4().hex}@example.net"


def leaks_of(email):
    """Every form of ``email`` that must never reach a reader."""
    normalized = email.strip().lower()
    return {
        normalized,
        normalized.split("@")[0],
        hashlib.md5(normalized.encode()).hexdigest(),
        hashlib.sha1(normalized.encode()).hexdigest(),
        hashlib.sha256(normalized.encode()).hexdigest(),
    }


def exposed_text(response):
    """What a response shows anyone: its body, its headers and the cookies it sets."""
    parts = [response.content.decode(errors="replace")]
    parts += [f"{name}: {value}" for name, value in response.items()]
    parts.append(response.cookies.output())
    return "\n".join(parts).lower()


def assert_no_leak(response, emails, label):
    text = exposed_text(response)
    found = [(email, leak) for email in emails for leak in leaks_of(email) if leak in text]
    assert not found, f"{label} exposes {found}"


def post(client, article, email, *, body, parent=None, name="Marker Reader"):
    response = client.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        comment_form_data(
            article,
            author_name=name,
            author_email=email,
            author_url="https://reader.example",
            body=body,
            parent=parent.pk if parent else "",
        ),
        headers={"Origin": "http://testserver"},  # as browsers send with every POST
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def public_url_names():
    """``namespace:name`` of every URL pattern outside the admin."""
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace != "admin":
                    walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_crawl_covers_every_public_url_pattern():
    assert public_url_names() == CRAWLED_URL_NAMES


@pytest.fixture
def site():
    """A small site with comments from marker emails in every state, and the clients
    (browsers) that posted them."""
    section, other_section = make_section(), make_section()
    tag, author = make_tag(), make_author()
    articles = [make_article(section=section, tags=[tag], authors=[author]) for _ in range(21)]
    commented, quiet = articles[0], articles[20]  # newest first: quiet is on page 2
    closed = make_article(section=other_section, tags=[tag], comments_enabled=False)
    emails = {
        kind: marker_email()
        for kind in ["posted", "pending", "direct", "reply", "staff", "spam", "closed"]
    }
    first, second = browser(), browser()

    post(first, commented, emails["posted"], body="First comment, later approved.")
    post(second, commented, emails["pending"], body="Still waiting for a moderator.")
    moderator = make_user(is_staff=True)
    for comment in Comment.objects.filter(author_email=emails["posted"]):
        comment.moderate(Comment.Status.APPROVED, by=moderator)
    direct = make_comment(
        commented, author_email=emails["direct"].upper(), status=Comment.Status.APPROVED
    )
    post(first, commented, emails["reply"], body="A reply, later approved.", parent=direct)
    Comment.objects.filter(author_email=emails["reply"]).update(status=Comment.Status.APPROVED)
    first.get(commented.get_absolute_url())  # sees its comment approved: trusted from now on
    post(first, commented, emails["posted"], body="Returning, so approved at once.")
    staff = browser()
    staff.force_login(make_user(is_staff=True, email=marker_email()))
    post(staff, commented, emails["staff"], body="An editor answers.", parent=direct)
    make_comment(quiet, author_email=emails["spam"], status=Comment.Status.SPAM)
    make_comment(closed, author_email=emails["closed"], status=Comment.Status.APPROVED)

    privacy = Page.objects.create(
        title="Privacy", slug="privacy", role=Page.Role.PRIVACY, in_footer=True
    )
    assert Comment.objects.filter(author_email=emails["pending"]).get().is_pending
    assert Comment.objects.filter(author_email=emails["posted"], status="approved").count() == 2
    return {
        "articles": [*articles, closed],
        "commented": commented,
        "direct": direct,
        "sections": [section, other_section],
        "tag": tag,
        "author": author,
        "emails": [*emails.values(), direct.author_email],
        "pages": [privacy.get_absolute_url()],
        "clients": {"stranger": browser(), "first": first, "second": second, "staff": staff},
    }


def public_urls(site):
    """Every public page of the site: listings, every article, comment permalinks, errors."""
    commented = site["commented"]
    urls = [
        reverse("articles:home"),
        reverse("articles:home") + "?page=2",
        site["tag"].get_absolute_url(),
        site["author"].get_absolute_url(),
        *[section.get_absolute_url() for section in site["sections"]],
        *[article.get_absolute_url() for article in site["articles"]],
        *commenter_urls(site),
        reverse("articles:preview", kwargs={"pk": commented.pk}),  # 404 for the public
        "/no/such/page/",
        "/articles/no-such-article/",
        *archive_urls(site),
        *feed_urls(site),
        reverse("robots_txt"),
        reverse("healthz"),
        reverse("articles:search") + "?q=article",
        reverse("articles:search") + "?q=marker",
        reverse("articles:corrections"),
        reverse("sitemap"),
        *[
            reverse("sitemap_section", kwargs={"section": section})
            for section in ["articles", "news", "sections", "tags", "authors", "pages"]
        ],
        *site["pages"],
        *commenter_pages(site["emails"], site["direct"]),
    ]
    permalinks = Comment.objects.select_related("article")
    urls += [comment.get_absolute_url().split("#")[0] for comment in permalinks]
    return sorted(set(urls))


def archive_urls(site):
    published = site["commented"].published_at
    return [
        reverse("articles:archive_year", kwargs={"year": published.year}),
        reverse(
            "articles:archive_month", kwargs={"year": published.year, "month": published.month}
        ),
    ]


def feed_urls(site):
    urls = [reverse("articles:feed"), reverse("articles:feed_atom")]
    for kind, owners in [
        ("section", site["sections"]),
        ("tag", [site["tag"]]),
        ("author", [site["author"]]),
    ]:
        for owner in owners:
            urls.append(reverse(f"articles:{kind}_feed", kwargs={"slug": owner.slug}))
            urls.append(reverse(f"articles:{kind}_feed_atom", kwargs={"slug": owner.slug}))
    return urls


def commenter_urls(site):
    """The pages that differ for a commenter: the commented article, as the redirect after
    posting leads to it, as a reply link opens it, and as a GET of the POST address sends to it."""
    commented = site["commented"]
    return [
        commented.get_absolute_url(),
        commented.get_absolute_url() + f"?replyto={site['direct'].pk}",
        reverse("comments:post", kwargs={"slug": commented.slug}),
    ]


def crawl(client, urls, emails, who):
    for url in urls:
        response = client.get(url)
        # 400, 405, 410: commenters' pages opened without their link, or with GET.
        assert response.status_code in {200, 302, 400, 404, 405, 410}, (who, url)
        assert_no_leak(response, emails, f"{url} seen by {who}")
    return len(urls)


def test_no_public_page_shows_a_commenter_email_or_its_hash(site):
    clients = site["clients"]

    pages = crawl(clients["stranger"], public_urls(site), site["emails"], "a stranger")
    for who in ["first", "second", "staff"]:
        pages += crawl(clients[who], commenter_urls(site), site["emails"], f"commenter {who}")

    assert pages > 35


def test_each_commenter_sees_their_comments_and_still_no_email(site):
    page = site["clients"]["second"].get(site["commented"].get_absolute_url())

    html = page.content.decode()
    assert "Still waiting for a moderator." in html
    assert "First comment, later approved." in html
    assert "An editor answers." in html
    assert_no_leak(page, site["emails"], "the pending commenter's own page")


def test_posting_answers_contain_no_email(site):
    article = site["commented"]
    client = browser()
    email = marker_email()

    response = post(client, article, email, body="A new voice.")
    followed = client.get(response["Location"])

    assert_no_leak(response, [email, *site["emails"]], "the POST answer")
    assert_no_leak(followed, [email, *site["emails"]], "the page after posting")
    assert "A new voice." in followed.content.decode()


def test_refused_posts_show_no_other_commenter_email(site):
    article = site["commented"]
    own_email = marker_email()
    client = browser()

    error_page = client.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        {"author_name": "Forgetful", "author_email": own_email, "body": ""},
    )
    closed = site["articles"][-1]
    closed_page = client.post(
        reverse("comments:post", kwargs={"slug": closed.slug}),
        {"author_name": "Late", "author_email": own_email, "body": "Too late."},
    )

    assert error_page.status_code == 200
    assert closed_page.status_code == 403
    # The reader's own email stays in the form they typed it into: nothing typed is lost.
    assert own_email in error_page.content.decode()
    assert_no_leak(error_page, site["emails"], "the form error page")
    assert_no_leak(closed_page, site["emails"], "the comments-closed page")


def test_crawl_would_notice_an_email_in_a_page(site, client):
    """The check itself works: an email put where readers see it is caught."""
    leaked = site["emails"][0]
    Comment.objects.filter(author_email=leaked).update(author_name=leaked.split("@")[0])

    response = client.get(site["commented"].get_absolute_url())

    with pytest.raises(AssertionError):
        assert_no_leak(response, [leaked], "a page with a leak")
