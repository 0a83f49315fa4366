"""A large kept part goes into the response as bytes once the page is made: readers get the
whole page, with a length and an ETag that follow the part."""

import gzip

import pytest
from django.test import Client

from pagecache import KeptBytes, spliced_in
from tests.pagecache import spliced_urls

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.pagecache.spliced_urls")]

WHOLE = "<main><h1>Title</h1><ol><li>First comment, café</li></ol><p>after</p></main>"


@pytest.fixture(autouse=True)
def first_part():
    spliced_urls.part["html"] = "<ol><li>First comment, café</li></ol>"


@pytest.mark.parametrize("cached", [True, False])
@pytest.mark.parametrize("url", ["/spliced/", "/spliced/personal/"])
def test_the_page_holds_the_part_in_place_of_its_marker(settings, cached, url):
    settings.NEWSROOM_PAGE_CACHE = cached

    response = Client().get(url)

    assert response.content.decode() == WHOLE
    assert int(response["Content-Length"]) == len(response.content)


def test_a_signed_in_reader_gets_the_whole_page_too(admin_client):
    assert admin_client.get("/spliced/").content.decode() == WHOLE


def test_the_etag_follows_the_part(settings):
    settings.NEWSROOM_PAGE_CACHE = False
    first = Client().get("/spliced/")
    assert Client().get("/spliced/", headers={"If-None-Match": first["ETag"]}).status_code == 304

    spliced_urls.part["html"] = "<ol><li>Second comment</li></ol>"
    changed = Client().get("/spliced/", headers={"If-None-Match": first["ETag"]})

    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert "Second comment" in changed.content.decode()


def test_a_part_kept_inside_another_holds_its_text_not_a_marker(settings):
    settings.NEWSROOM_PAGE_CACHE = False
    first = Client().get("/spliced/fragment/").content.decode()
    again = Client().get("/spliced/fragment/").content.decode()  # the wrapper as kept

    assert first == again == "<div><ol><li>First comment, café</li></ol></div>"


def test_outside_a_response_the_part_is_its_text():
    assert spliced_in(KeptBytes.of("<p>été</p>")) == "<p>été</p>"
    assert not KeptBytes.of("")


def test_a_kept_page_is_sent_gzipped_with_the_part_compressed_when_it_was_kept(settings):
    settings.NEWSROOM_PAGE_CACHE = True
    Client().get("/spliced/")  # made and kept

    served = Client().get("/spliced/", headers={"Accept-Encoding": "gzip"})

    assert served["Content-Encoding"] == "gzip"
    assert gzip.decompress(served.content).decode() == WHOLE
    assert Client().get("/spliced/").content.decode() == WHOLE
