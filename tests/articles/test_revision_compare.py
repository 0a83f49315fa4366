"""Any two revisions of an article compare in the admin: its text word by word, and a list of
its other changes. Only staff who may see the article reach the comparison."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from tests.factories import make_article, make_editor, make_image, make_source, make_tag, make_user

pytestmark = pytest.mark.django_db


def keep_revision(article, user):
    with reversion.create_revision():
        reversion.set_user(user)
        article.save()
    return Version.objects.get_for_object(article).first()


def compare_url(article, *versions):
    query = "&".join(f"{name}={v.pk}" for name, v in zip(("from", "to"), versions, strict=False))
    return reverse("admin:articles_article_compare", args=[article.pk]) + "?" + query


@pytest.fixture
def desk():
    return make_editor(username="desk")


def test_two_revisions_compare_word_by_word_with_a_list_of_other_changes(client, desk):
    article = make_article(published=False, title="Vote on Monday", body="The vote is on Monday.")
    image = make_image(article, caption="The old hall", credit="Desk", alt_text="A hall")
    first = keep_revision(article, desk)
    article.title = "Vote on Tuesday"
    article.body = "The vote is on Tuesday."
    article.tags.add(make_tag(name="Elections"))
    image.caption = "The new hall"
    image.save()
    make_source(article, label="Town hall notice", url="https://example.org/notice")
    second = keep_revision(article, desk)
    client.force_login(desk)

    response = client.get(compare_url(article, second, first))  # either order

    assert response.status_code == 200
    page = response.content.decode()
    assert '<del class="word-diff__removed">' in page and "Monday" in page
    assert "Tuesday" in page.split('<ins class="word-diff__added">', 1)[1]
    others = {change.label: change for change in response.context["other_changes"]}
    assert others["Tags"].before == "" and others["Tags"].after == "Elections"
    assert others["Image 1: caption"].before == "The old hall"
    assert others["Image 1: caption"].after == "The new hall"
    assert "Town hall notice" in others["Sources"].after
    assert "Image 1: credit" not in others  # unchanged: not listed
    assert response.context["older"] == first


def test_the_history_offers_to_compare_its_revisions(client, desk):
    article = make_article(published=False)
    first = keep_revision(article, desk)
    second = keep_revision(article, desk)
    client.force_login(desk)

    page = client.get(reverse("admin:articles_article_history", args=[article.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("admin:articles_article_compare", args=[article.pk]) in html
    assert f'name="from" value="{first.pk}"' in html and f'name="to" value="{second.pk}"' in html


def test_comparing_fewer_than_two_revisions_says_so_instead_of_failing(client, desk):
    article = make_article(published=False)
    only = keep_revision(article, desk)
    client.force_login(desk)

    for url in (compare_url(article, only, only), compare_url(article) + "from=x&to=9999"):
        response = client.get(url, follow=True)
        assert response.status_code == 200
        assert "Choose two different revisions to compare." in response.content.decode()


def test_revisions_of_another_article_do_not_compare(client, desk):
    article, other = make_article(published=False), make_article(published=False)
    mine = keep_revision(article, desk)
    theirs = keep_revision(other, desk)
    client.force_login(desk)

    response = client.get(compare_url(article, mine, theirs), follow=True)

    assert "Choose two different revisions to compare." in response.content.decode()


def test_only_staff_reach_the_comparison(client, desk):
    article = make_article(published=False)
    first, second = keep_revision(article, desk), keep_revision(article, desk)
    client.force_login(make_user(username="reader"))

    response = client.get(compare_url(article, first, second))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
