"""The versions pages are checked against, without Redis: a table in a file every process maps."""

import pytest

from pagecache.versions import FileVersions


@pytest.fixture
def versions(tmp_path):
    return FileVersions(tmp_path / "page-versions")


def test_renewing_a_name_gives_it_a_version_above_the_sequence_read_before(versions):
    sequence, before = versions.read(["article:1", "article:2"])

    versions.renew(["article:1"])
    _sequence, after = versions.read(["article:1", "article:2"])

    assert after["article:1"] > sequence
    assert after["article:2"] == before["article:2"]


def test_every_renewal_moves_the_sequence_on(versions):
    first, _ = versions.read([])
    versions.renew(["nav"])
    second, _ = versions.read([])
    versions.renew(["nav"])
    third, found = versions.read(["nav"])

    assert first < second < third == found["nav"]


def test_processes_that_open_the_file_later_see_the_same_versions(versions, tmp_path):
    versions.renew(["comments:7"])

    elsewhere = FileVersions(tmp_path / "page-versions")

    assert elsewhere.read(["comments:7"]) == versions.read(["comments:7"])


def test_a_file_made_again_never_gives_back_a_version_of_the_old_one(versions, tmp_path):
    versions.renew(["article:1"] * 3)
    _sequence, old = versions.read(["article:1", "article:2"])

    (tmp_path / "page-versions").unlink()
    _sequence, new = versions.read(["article:1", "article:2"])

    assert new["article:1"] > old["article:1"]
    assert new["article:2"] > old["article:1"]


@pytest.mark.parametrize("damage", [b"not a table" * 300_000, b"short"])
def test_a_damaged_file_is_replaced_by_a_new_table(tmp_path, damage):
    path = tmp_path / "page-versions"
    versions = FileVersions(path)
    versions.renew(["nav"])
    _sequence, before = versions.read(["nav"])
    path.write_bytes(damage)

    _sequence, after = FileVersions(path).read(["nav"])

    assert after["nav"] > before["nav"]
    assert path.read_bytes().startswith(b"NRPGVER1")
