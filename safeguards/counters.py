"""Counting events in a time window across every app process: admin logins, comments sent.

The counts live in the database that every process, and every app server, already shares: no
Redis is needed, and two gunicorn workers cannot each let the whole limit through. One row per
key, changed by a single ``INSERT … ON CONFLICT … RETURNING`` statement (SQLite and
PostgreSQL), so processes counting at the same moment never lose a count; Django's database
cache could not promise that (its ``incr()`` reads, then writes). Keys are keyed hashes of
what they count: the table holds no address and no username.
"""

import random
from datetime import timedelta

from django.db import connections, router
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import Counter

# Expired rows are deleted now and then, by the request that happens to draw this chance.
CULL_CHANCE = 0.01


def counter_key(*parts):
    """The key of what ``parts`` name, e.g. ``counter_key("login", address, username)``."""
    # The salt keeps its first name: counts in the window of a deployment stay valid.
    return salted_hmac("newsroom.counters", "\n".join(parts), algorithm="sha256").hexdigest()


def hit(key, *, window):
    """Count one event under ``key``; return the count in its window, this event included.

    A window opens with the first event of a key and lasts ``window`` seconds; later events do
    not extend it.
    """
    now = timezone.now()
    connection = connections[router.db_for_write(Counter)]
    table = connection.ops.quote_name(Counter._meta.db_table)
    key_column, count, expires_at = (
        connection.ops.quote_name(name) for name in ("key", "count", "expires_at")
    )
    live = f"{table}.{expires_at} > %s"
    sql = (
        f"INSERT INTO {table} ({key_column}, {count}, {expires_at}) VALUES (%s, 1, %s) "
        f"ON CONFLICT ({key_column}) DO UPDATE SET "
        f"{count} = CASE WHEN {live} THEN {table}.{count} + 1 ELSE 1 END, "
        f"{expires_at} = CASE WHEN {live} THEN {table}.{expires_at} "
        f"ELSE excluded.{expires_at} END "
        f"RETURNING {count}"
    )
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, adapt(now + timedelta(seconds=window)), adapt(now), adapt(now)])
        (value,) = cursor.fetchone()
    if random.random() < CULL_CHANCE:
        Counter.objects.filter(expires_at__lte=now).delete()
    return value


def give_back(key):
    """Take back one event of ``key`` (an attempt that turned out not to count)."""
    Counter.objects.filter(key=key, count__gt=0).update(count=F("count") - 1)


def clear(key):
    Counter.objects.filter(key=key).delete()
