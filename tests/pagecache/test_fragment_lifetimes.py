"""A kept part lives no longer than what it is made of says: a moment given by ``keep_until()``
while it was made, in it or in a part inside it, ends it as it ends a page."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from pagecache import fragment, keep_until

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def long_lives(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 24 * 3600


def counted(values):
    """A part that says it changes in an hour, and counts how often it is made."""

    def make():
        keep_until(NOW + timedelta(hours=1))
        values.append(len(values) + 1)
        return f"made {len(values)}"

    return make


def test_a_part_is_kept_until_the_moment_it_said_it_changes():
    made = []
    with time_machine.travel(NOW, tick=False):
        assert fragment("alert", counted(made)) == "made 1"
        assert fragment("alert", counted(made)) == "made 1"
    with time_machine.travel(NOW + timedelta(minutes=59), tick=False):
        assert fragment("alert", counted(made)) == "made 1"
    with time_machine.travel(NOW + timedelta(hours=1, seconds=1), tick=False):
        assert fragment("alert", counted(made)) == "made 2"


def test_a_part_made_of_a_part_that_changes_is_kept_no_longer():
    made = []

    def outer():
        return "[" + fragment("inner", counted(made)) + "]"

    with time_machine.travel(NOW, tick=False):
        assert fragment("outer", outer) == "[made 1]"
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        assert fragment("outer", outer) == "[made 2]"


def test_a_part_whose_moment_has_passed_is_not_kept():
    made = []
    with time_machine.travel(NOW + timedelta(hours=3), tick=False):
        assert fragment("late", counted(made)) == "made 1"
        assert fragment("late", counted(made)) == "made 2"
