import pytest

from articles import images


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
