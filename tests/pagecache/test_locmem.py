"""Without Redis, each process's pages and parts stay within their megabytes."""

import pickle

import pytest

from pagecache.locmem import SizedLocMemCache


def sized(name, max_bytes, max_entries=1000):
    cache = SizedLocMemCache(
        name, {"OPTIONS": {"MAX_BYTES": max_bytes, "MAX_ENTRIES": max_entries}}
    )
    cache.clear()
    return cache


def stored_bytes(cache):
    return sum(len(value) for value in cache._cache.values())


def test_the_least_recently_used_go_first_when_the_bytes_run_out():
    page = "x" * 1000
    cache = sized("bytes-test", max_bytes=len(pickle.dumps(page, -1)) * 3)
    cache.set("a", page)
    cache.set("b", page)
    cache.set("c", page)
    assert cache.get("a") == page  # read: recently used again

    cache.set("d", page)

    assert cache.get("b") is None
    assert {key: cache.get(key) is not None for key in "acd"} == dict.fromkeys("acd", True)
    assert stored_bytes(cache) <= len(pickle.dumps(page, -1)) * 3


@pytest.mark.parametrize("size", [10, 10_000, 100_000])
def test_whatever_the_sizes_the_cache_stays_within_its_bytes(size):
    cache = sized(f"bound-{size}", max_bytes=50_000)
    for n in range(200):
        cache.set(f"key{n}", "y" * (size + n))
        assert stored_bytes(cache) <= 50_000 or len(cache._cache) == 1
    assert cache._sizes[""] == stored_bytes(cache)


def test_deleting_and_replacing_keep_the_count_of_bytes_right():
    cache = sized("accounting", max_bytes=1_000_000)
    cache.set("a", "z" * 500)
    cache.set("a", "z" * 5_000)
    cache.set("b", "z" * 100)
    cache.delete("b")
    cache.set("c", "z" * 10, timeout=0)  # expired at once: dropped when next read
    assert cache.get("c") is None

    assert cache._sizes[""] == stored_bytes(cache)

    cache.clear()
    assert cache._sizes[""] == 0
