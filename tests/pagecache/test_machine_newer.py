"""A process asks the machine's files for a newer entry only when one may be there: after a
renewal, the file it wrote itself is as stale as its memory, and is not read again."""

from tests.pagecache.processes import process


def files_read(cache, monkeypatch):
    reads = []
    read = cache._read

    def counted(path):
        reads.append(path)
        return read(path)

    monkeypatch.setattr(cache, "_read", counted)
    return reads


def test_the_file_a_process_wrote_itself_is_not_read_again(two_processes, monkeypatch):
    first, _second = two_processes
    first.set("page", "made here", 60)
    reads = files_read(first, monkeypatch)

    assert first.get_newer("page") is None
    assert reads == []


def test_what_another_process_wrote_since_is_read(two_processes, monkeypatch):
    first, second = two_processes
    first.set("page", "old", 60)
    assert second.get("page") == "old"
    assert second.get_newer("page") is None  # read once: the same file since

    first.set("page", "new", 60)

    assert second.get_newer("page") == "new"
    assert second.get("page") == "new"
    assert first.get_newer("page") is None


def test_a_file_no_longer_in_memory_is_read_again(two_processes, monkeypatch):
    first, _second = two_processes
    first.set("page", "made here", 60)
    first._cache.clear()  # pushed out of memory

    assert first.get_newer("page") == "made here"


def test_a_file_replaced_through_another_thread_is_read(two_processes, monkeypatch):
    first, _second = two_processes
    other_thread = process("first")  # each thread has its own cache object, memory shared
    first.set("page", "old", 60)

    other_thread.set("page", "new", 60)

    assert first.get_newer("page") == "new"
