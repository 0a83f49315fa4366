"""Without Redis, the app processes of one machine share what one of them made: a page renewed
by a write is made once, not once per process, and they wait for it instead of all making it."""

import os
import time

import pytest
import time_machine

from pagecache.storage import Storage, is_current
from pagecache.versions import FileVersions
from tests.pagecache.processes import process


def test_what_one_process_keeps_another_reads_without_making_it(two_processes):
    first, second = two_processes

    first.set("page", {"html": "made by the first"}, 60)

    assert second.get("page") == {"html": "made by the first"}


def test_each_process_reads_its_memory_first_and_the_files_when_asked(two_processes):
    first, second = two_processes
    first.set("page", "old", 60)
    assert second.get("page") == "old"

    first.set("page", "new", 60)

    assert second.get("page") == "old"  # its memory: no file read for a current page
    assert second.get_shared("page") == "new"
    assert second.get("page") == "new"


def test_a_file_written_again_never_replaces_the_old_one_by_renaming(two_processes, monkeypatch):
    first, second = two_processes
    first.set("page", "old", 60)

    # Renamed over the old file, the new one would be written to the disk at once (ext4).
    def rename(source, destination, rename=os.rename):
        assert not os.path.exists(destination), "renamed over the old file"
        rename(source, destination)

    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(os, "replace", rename)
    first.set("page", "new", 60)

    assert second.get_shared("page") == "new"


def test_only_one_process_of_the_machine_holds_a_lock(two_processes):
    first, second = two_processes

    assert first.add("lock:page", "first's token", 5)
    assert not second.add("lock:page", "second's token", 5)
    assert second.get("lock:page") == "first's token"

    first.delete("lock:page")

    assert second.add("lock:page", "second's token", 5)


def test_a_lock_whose_holder_died_expires(two_processes):
    first, second = two_processes
    assert first.add("lock:page", "first's token", 5)

    with time_machine.travel(time.time() + 6, tick=False):
        assert second.add("lock:page", "second's token", 5)


def test_expired_entries_are_never_read(two_processes):
    first, second = two_processes
    first.set("page", "short-lived", 5)

    with time_machine.travel(time.time() + 6, tick=False):
        assert second.get("page") is None


@pytest.mark.usefixtures("two_processes")  # empties the machine's files before and after
def test_files_stay_bounded_and_expired_ones_go():
    small = process("small", MAX_FILES=5)
    for n in range(12):
        small.set(f"page-{n}", "x" * 100, 60 + n)
    small.set("soon-gone", "x", 1)
    directory = small._directory()

    with time_machine.travel(time.time() + 2, tick=False):
        small.sweep()

    names = [path for path in directory.iterdir() if not path.name.startswith(".")]
    assert len(names) == 5
    assert small.get_shared("page-11") == "x" * 100  # the longest-lived stay
    assert small.get_shared("page-0") is None
    assert small.get_shared("soon-gone") is None


def test_clearing_a_cache_clears_the_files(two_processes):
    first, second = two_processes
    first.set("page", "kept", 60)

    first.clear()

    assert second.get("page") is None


def test_an_unreadable_file_is_a_miss(two_processes):
    first, second = two_processes
    first.set("page", "kept", 60)
    first._path("page", None).write_bytes(b"not a pickle")

    assert second.get("page") is None


def test_a_page_renewed_is_read_from_the_process_that_made_it(two_processes, tmp_path):
    first_cache, second_cache = two_processes
    versions = FileVersions(tmp_path / "versions")
    first, second = Storage(first_cache, versions), Storage(second_cache, versions)
    versions.renew(["article:1"])
    kept = versions.settled({"article:1"})
    first.store("page:/", kept, time.time() + 60, "before the comment", 60)
    assert second.lookup("page:/")[1][2] == "before the comment"

    versions.renew(["article:1"])
    assert not is_current(second.lookup("page:/")[1], versions.read({"article:1"})[1])
    first.store("page:/", versions.settled({"article:1"}), time.time() + 60, "after", 60)

    _sequence, entry, found = second.lookup("page:/")
    assert entry[2] == "after"
    assert is_current(entry, found)
