import pytest

from tests.pagecache.processes import process


@pytest.fixture
def two_processes():
    """Two app processes of one machine, their memory and the machine's files empty."""
    first, second = process("first"), process("second")
    first.clear()
    second.clear()
    yield first, second
    first.clear()
    second.clear()
