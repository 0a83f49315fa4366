import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from redirects.models import Redirect, normalize_old_path
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_an_old_address_that_nothing_answers_redirects_permanently(client):
    article = make_article()
    Redirect.objects.create(old_path="/2019/05/21/a-story/", new_path=article.get_absolute_url())

    response = client.get("/2019/05/21/a-story/")

    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_the_address_without_its_final_slash_redirects_too(client):
    Redirect.objects.create(old_path="/2019/05/21/a-story/", new_path="/sections/news/")

    assert client.get("/2019/05/21/a-story")["Location"] == "/sections/news/"


def test_a_post_number_in_the_query_redirects_although_the_home_page_exists(client, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    article = make_article()
    assert client.get("/?p=123").status_code == 200  # the home page, now in the page cache
    Redirect.objects.create(old_path="/?p=123", new_path=article.get_absolute_url())

    response = client.get("/?p=123&utm_source=feed")

    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_other_query_strings_still_reach_the_page(client):
    Redirect.objects.create(old_path="/?p=123", new_path="/sections/news/")

    assert client.get("/?p=999").status_code == 200
    assert client.get("/?page=1").status_code == 200


def test_an_existing_page_is_never_shadowed_by_a_redirect(client):
    article = make_article()
    Redirect.objects.create(old_path=article.get_absolute_url(), new_path="/sections/news/")

    assert client.get(article.get_absolute_url()).status_code == 200


def test_unknown_addresses_stay_not_found(client):
    assert client.get("/2019/05/21/never-was/").status_code == 404


def test_a_redirect_to_itself_is_ignored_rather_than_looping(client):
    Redirect.objects.create(old_path="/old/place/", new_path="/old/place/")

    assert client.get("/old/place/").status_code == 404


def test_old_addresses_are_stored_decoded_as_requests_show_them():
    assert normalize_old_path("https://example.com/caf%C3%A9/?p=12&x=1") == "/café/?p=12"
    assert normalize_old_path("/2019/05/21/a-story/?utm_source=x") == "/2019/05/21/a-story/"
    assert normalize_old_path("2019/") == "/2019/"


@pytest.mark.parametrize("target", ["//evil.example/", "javascript:alert(1)", "ftp://x/"])
def test_a_redirect_leads_only_to_this_site_or_a_web_address(target):
    with pytest.raises(ValidationError) as raised:
        Redirect(old_path="/old/", new_path=target).full_clean()

    assert "new_path" in raised.value.message_dict


def test_a_redirect_cannot_lead_to_its_own_address():
    with pytest.raises(ValidationError):
        Redirect(old_path="/old/", new_path="/old/").full_clean()


def test_editors_can_list_and_add_redirects_in_the_admin(admin_client):
    Redirect.objects.create(old_path="/?p=5", new_path="/sections/news/")
    changelist = admin_client.get(reverse("admin:redirects_redirect_changelist"))

    response = admin_client.post(
        reverse("admin:redirects_redirect_add"),
        {"old_path": "https://old.example/caf%C3%A9/", "new_path": "/sections/news/"},
    )

    assert changelist.status_code == 200 and "/?p=5" in changelist.content.decode()
    assert response.status_code == 302
    assert Redirect.objects.filter(old_path="/café/").exists()
