"""Comments keep a keyed hash of their sender's address instead of the address.

Addresses of comments still within the retention period become their hash (of the current
period, as new comments get: comments/senders.py); older ones, which ``purge_comment_ips``
would have cleared, are dropped. Going back cannot bring addresses back: the field returns
empty.
"""

import ipaddress
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone
from django.utils.crypto import salted_hmac

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def client_block(value):
    address = ipaddress.ip_address(value)
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def hash_addresses(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    days = max(settings.COMMENTS_IP_RETENTION_DAYS, 1)
    now = timezone.now()
    key = f"comments.senders.{(now - EPOCH).days // days}"
    recent = Comment.objects.filter(
        ip_address__isnull=False, created_at__gte=now - timedelta(days=days)
    )
    for pk, ip in recent.values_list("pk", "ip_address").iterator():
        digest = salted_hmac(key, client_block(ip), algorithm="sha256").hexdigest()[:16]
        Comment.objects.filter(pk=pk).update(sender_hash=digest)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0005_commenter_addresses_and_data_requests"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="sender_hash",
            field=models.CharField(
                blank=True, db_index=True, max_length=16, verbose_name="sender"
            ),
        ),
        migrations.RunPython(hash_addresses, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="comment",
            name="ip_address",
        ),
    ]
