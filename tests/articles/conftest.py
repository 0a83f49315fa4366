import pytest

from tests.factories import make_author, make_section, make_tag


@pytest.fixture
def newsroom():
    """A section, an author and a tag: what the article form needs to publish."""
    return {"section": make_section(), "author": make_author(), "tag": make_tag()}
