"""Old data goes by itself: `commenter_upkeep`, run by its systemd timer, forgets it."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from comments.models import CommenterAddress, DataRequest, ReplySubscription
from comments.privacy import erase_comments
from tests.comments.factories import make_comment

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def upkeep():
    out = io.StringIO()
    call_command("commenter_upkeep", stdout=out)
    return out.getvalue()


def test_old_data_goes_and_recent_data_stays(settings):
    old = make_comment(created_at=days_ago(settings.COMMENTS_IP_RETENTION_DAYS + 1))
    recent = make_comment(created_at=days_ago(1))
    too_late = settings.COMMENTS_CONFIRM_LINK_DAYS + 1
    stale = CommenterAddress.objects.create(
        email="stale@example.net", created_at=days_ago(too_late)
    )
    ReplySubscription.objects.create(address=stale, comment=old)
    fresh = CommenterAddress.objects.create(email="fresh@example.net")
    confirmed = CommenterAddress.objects.create(
        email="sure@example.net", created_at=days_ago(400), confirmed_at=days_ago(399)
    )
    DataRequest.objects.create(email="a@example.net", created_at=days_ago(2), sent_at=days_ago(2))
    kept_request = DataRequest.objects.create(email="b@example.net", sent_at=timezone.now())

    report = upkeep()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.sender_hash == "" and old.user_agent == ""
    assert recent.sender_hash and recent.user_agent
    assert list(CommenterAddress.objects.order_by("pk")) == [fresh, confirmed]
    assert not ReplySubscription.objects.exists()
    assert list(DataRequest.objects.all()) == [kept_request]
    assert "1 unconfirmed addresses" in report


def test_the_timer_runs_the_upkeep_command():
    root = Path(__file__).resolve().parents[2] / "deploy" / "systemd"
    service = (root / "newsroom-commenters.service").read_text()
    timer = (root / "newsroom-commenters.timer").read_text()
    assert "manage.py commenter_upkeep" in service
    assert "OnUnitActiveSec=" in timer


def test_the_staff_erasure_forgets_the_address_and_its_subscriptions_too():
    comment = make_comment(author_email="ada@example.net")
    address = CommenterAddress.objects.create(email="ada@example.net", confirmed_at=timezone.now())
    ReplySubscription.objects.create(address=address, comment=comment)
    erase_comments("ADA@example.net")
    assert not CommenterAddress.objects.exists()
    assert not ReplySubscription.objects.exists()
