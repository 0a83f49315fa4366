"""What is kept of commenters only for a while, and forgetting it when its time is up.

Run by ``manage.py commenter_upkeep`` on its systemd timer (deploy/systemd/), every few minutes;
each step is one query or a few, and does nothing when nothing is due.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from . import replies
from .commenter_models import DataRequest
from .privacy import purge_ips


def forget_old_data():
    """Forget what is past its time; ``{what: how many}``."""
    data_links = timedelta(hours=settings.COMMENTS_DATA_LINK_HOURS)
    old_requests = DataRequest.objects.filter(created_at__lt=timezone.now() - data_links)
    return {
        "comments' sender details": purge_ips(settings.COMMENTS_IP_RETENTION_DAYS),
        "unconfirmed addresses": replies.expire_unconfirmed(
            older_than=timedelta(days=settings.COMMENTS_CONFIRM_LINK_DAYS)
        ),
        "data requests": old_requests.delete()[0],
    }
