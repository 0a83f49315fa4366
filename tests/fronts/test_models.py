"""Fronts and placements as models: one front per page, and the one rule of what readers see."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from fronts.models import Front, Placement
from tests.factories import make_article, make_section
from tests.fronts.factories import make_placement

pytestmark = pytest.mark.django_db


def test_a_placement_is_live_while_its_time_runs_and_its_article_is_published():
    now = timezone.now()
    live = {
        make_placement(make_article(title="Always")),
        make_placement(make_article(), starts_at=now - timedelta(hours=1)),
        make_placement(make_article(), ends_at=now + timedelta(hours=1)),
    }
    make_placement(make_article(), starts_at=now + timedelta(hours=1))
    make_placement(make_article(), ends_at=now - timedelta(seconds=1))
    make_placement(make_article(published=False))
    make_placement(make_article(published_at=now + timedelta(hours=1)))

    assert set(Placement.objects.live()) == live
    flagged = Placement.objects.with_liveness()
    assert {placement for placement in flagged if placement.is_live} == live


def test_the_home_page_and_each_section_have_one_front_each():
    science = make_section(name="Science")
    home = Front.objects.home()

    assert Front.objects.home() == home
    assert Front.objects.of_section(science) == Front.objects.of_section(science)
    with pytest.raises(IntegrityError), transaction.atomic():
        Front.objects.create(section=None)
    assert str(home) == "Home page" and home.get_absolute_url() == "/"
    science_front = Front.objects.of_section(science)
    assert str(science_front) == "Science"
    assert science_front.get_absolute_url() == science.get_absolute_url()


def test_a_front_goes_with_its_section_and_its_placements_with_it():
    science = make_section(name="Science")
    make_placement(make_article(), section=science)

    science.delete()

    assert not Front.objects.filter(section__isnull=False).exists()
    assert not Placement.objects.exists()
