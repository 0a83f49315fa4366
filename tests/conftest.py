import pytest

from articles import demo, images
from tests.factories import make_editor


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads made by a test land in its own temporary folders: renditions in ``media``,
    originals in ``private``."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NEWSROOM_PRIVATE_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_avif(monkeypatch):
    """AVIF's fastest setting: tests check what renditions are, not how small they get."""
    monkeypatch.setitem(images.AVIF_OPTIONS, "speed", 10)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: counters and cached pages never leak between tests."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


# Shared by several test files: asked for by name, or with pytest.mark.usefixtures(...).


@pytest.fixture
def editor_client(client):
    """The test client, logged in as a member of the Editors group."""
    client.force_login(make_editor())
    return client


@pytest.fixture
def uncached_pages(settings):
    """Every page made for each request: for tests that count what making a page costs."""
    settings.NEWSROOM_PAGE_CACHE = False


@pytest.fixture
def small_demo_pictures(monkeypatch):
    """The demo's pictures and portraits drawn small: tests check what is made, not its size."""
    monkeypatch.setattr(demo, "IMAGE_SIZE", (160, 90))
    monkeypatch.setattr(demo, "PORTRAIT_SIZE", (60, 60))
