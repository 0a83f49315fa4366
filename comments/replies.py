"""Reply notifications: who asked for them, and which replies they are owed.

A commenter who ticks "Email me when someone replies" subscribes to replies to that comment.
Their address is confirmed first (a link by email, comments/links.py), unless it already is;
only then are replies told. A reply is told once it is visible to readers (approved, not
erased), never to its own author, and only once (``ReplyNotice`` is unique per reply).
"""

from datetime import timedelta

from django.utils import timezone

from .commenter_models import CommenterAddress, ReplyNotice, ReplySubscription, normalize
from .commenter_tasks import deliver_soon
from .models import not_erased_q

# A confirmation is sent at most this often to one address: ticking the box on many comments,
# or someone typing another's email, does not fill their inbox.
CONFIRMATION_INTERVAL = timedelta(hours=1)


def subscribe(comment, *, base_url):
    """Subscribe ``comment``'s author to its replies; send a confirmation link if needed."""
    email = normalize(comment.author_email)
    if not email:
        return None
    address, _created = CommenterAddress.objects.get_or_create(email=email)
    subscription, _created = ReplySubscription.objects.get_or_create(
        comment=comment, defaults={"address": address}
    )
    if not address.is_confirmed and not address.confirmation_due:
        last = address.confirmation_sent_at
        if last is None or timezone.now() - last > CONFIRMATION_INTERVAL:
            address.confirmation_due = True
            address.save(update_fields=["confirmation_due"])
            deliver_soon(base_url=base_url)
    return subscription


def replies_visible(comments, *, base_url):
    """Note the replies among ``comments`` (just approved) their parents' subscribers are to
    hear about, and send them once the transaction commits. Returns how many were noted."""
    replies = [c for c in comments if c.parent_id and c.is_counted]
    if not replies:
        return 0
    subscriptions = {
        s.comment_id: s
        for s in ReplySubscription.objects.filter(
            not_erased_q("comment__"),
            comment_id__in={reply.parent_id for reply in replies},
            address__confirmed_at__isnull=False,
        ).select_related("address")
    }
    notices = [
        ReplyNotice(subscription=subscriptions[reply.parent_id], reply=reply)
        for reply in replies
        if reply.parent_id in subscriptions
        and subscriptions[reply.parent_id].address.email != normalize(reply.author_email)
    ]
    if not notices:
        return 0
    ReplyNotice.objects.bulk_create(notices, ignore_conflicts=True)
    deliver_soon(base_url=base_url)
    return len(notices)


def confirm(address):
    """Confirm ``address`` (its owner followed our link); False if it already was."""
    now = timezone.now()
    return bool(
        CommenterAddress.objects.filter(pk=address.pk, confirmed_at__isnull=True).update(
            confirmed_at=now, confirmation_due=False
        )
    )


def unsubscribe_thread(subscription_id):
    return ReplySubscription.objects.filter(pk=subscription_id).delete()[0] > 0


def stop_all(address_id):
    """No more email of any kind to this address: its subscriptions and any confirmation
    still due go."""
    ReplySubscription.objects.filter(address_id=address_id).delete()
    CommenterAddress.objects.filter(pk=address_id).update(confirmation_due=False)


def expire_unconfirmed(*, older_than):
    """Forget addresses never confirmed within ``older_than``, with their subscriptions.
    Returns how many went."""
    cutoff = timezone.now() - older_than
    stale = CommenterAddress.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
    return stale.delete()[1].get(CommenterAddress._meta.label, 0)
