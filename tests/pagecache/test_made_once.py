"""When a page must be made again, one request makes it: readers asking for it meanwhile wait
for it a short while instead of all making it too (no dogpile)."""

import threading
import time

import pytest
from django.test import Client

from pagecache import lifetimes
from pagecache.middleware import RENDER_LOCK_SECONDS, RENDER_WAIT_SECONDS, page_key
from pagecache.storage import storage
from tests.pagecache import slow_urls

pytestmark = pytest.mark.urls("tests.pagecache.slow_urls")


@pytest.fixture(autouse=True)
def slow_page(monkeypatch):
    """A page of its own, no scheduled article to look up: no database in the threads."""
    monkeypatch.setattr(lifetimes, "_limits", [])
    slow_urls.made.clear()
    slow_urls.started.clear()


def in_thread(target):
    results = {}
    thread = threading.Thread(target=lambda: results.setdefault("value", target()))
    thread.start()
    return thread, results


def test_readers_arriving_while_a_page_is_made_wait_for_it_instead_of_making_it():
    first, first_result = in_thread(lambda: Client().get("/slow/"))
    assert slow_urls.started.wait(timeout=10)
    others = [in_thread(lambda: Client().get("/slow/")) for _ in range(3)]

    for thread, _result in [(first, first_result), *others]:
        thread.join(timeout=30)

    assert slow_urls.made == ["/slow/"]
    pages = {result["value"].content for _thread, result in [(first, first_result), *others]}
    assert pages == {b"<p>Made 1 time(s).</p>"}


def test_readers_of_a_page_never_kept_do_not_wait_for_a_copy_that_never_comes():
    Client().get("/slow/personal/")  # made once: now known as a page not to keep
    slow_urls.made.clear()
    slow_urls.started.clear()
    first, _first_result = in_thread(lambda: Client().get("/slow/personal/"))
    assert slow_urls.started.wait(timeout=10)
    started = time.monotonic()

    response = Client().get("/slow/personal/")

    assert time.monotonic() - started < RENDER_WAIT_SECONDS
    first.join(timeout=30)
    assert response.status_code == 200
    assert slow_urls.made == ["/slow/personal/", "/slow/personal/"]


def test_a_lock_left_by_a_crashed_request_never_keeps_the_page_from_readers(rf):
    key = page_key(rf.get("/slow/"))
    # A request took the lock and died without giving it back.
    assert storage().lock(key, RENDER_LOCK_SECONDS) is not None

    response = Client().get("/slow/")

    assert response.status_code == 200
    assert slow_urls.made == ["/slow/"]
    # Made after the wait, and kept: the next reader gets it from the cache.
    assert Client().get("/slow/").content == response.content
    assert slow_urls.made == ["/slow/"]


def test_the_lock_expires_by_itself(rf):
    key = page_key(rf.get("/slow/"))
    store = storage()
    assert store.lock(key, 1) is not None
    assert store.lock(key, 1) is None

    with_time_passed = threading.Event()
    with_time_passed.wait(1.5)

    assert store.lock(key, 1) is not None
