"""What a commenter asked of us by email: a confirmed address, reply notifications, data requests.

Links sent by email name these rows by their id, signed (comments/links.py): never an email, so
an address never appears in a URL, a log line or a page.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CommenterAddressQuerySet(models.QuerySet):
    def for_email(self, email):
        return self.filter(email=normalize(email))

    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


def normalize(email):
    return email.strip().lower()


class CommenterAddress(models.Model):
    """An email a commenter asked us to write to, confirmed once they followed our link."""

    email = models.EmailField(_("email"), unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # When the confirmation link was last sent: None while one is due (or failed, to retry).
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmation_due = models.BooleanField(default=False)
    # When a reply notification was last sent: later replies wait for the digest window.
    notified_at = models.DateTimeField(null=True, blank=True)

    objects = CommenterAddressQuerySet.as_manager()

    class Meta:
        default_permissions = ()  # not edited in the admin: no permission to hand out
        ordering = ["-created_at"]
        verbose_name = _("commenter address")
        verbose_name_plural = _("commenter addresses")

    def __str__(self):
        return _("Commenter address %(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        self.email = normalize(self.email)
        super().save(*args, **kwargs)

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None


class ReplySubscription(models.Model):
    """ "Email me when someone replies" to one comment."""

    address = models.ForeignKey(
        CommenterAddress, on_delete=models.CASCADE, related_name="subscriptions"
    )
    comment = models.OneToOneField(
        "comments.Comment", on_delete=models.CASCADE, related_name="reply_subscription"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        default_permissions = ()  # not edited in the admin: no permission to hand out
        ordering = ["-created_at"]
        verbose_name = _("reply subscription")
        verbose_name_plural = _("reply subscriptions")

    def __str__(self):
        return _("Replies to comment %(id)s") % {"id": self.comment_id}


class ReplyNotice(models.Model):
    """A visible reply its subscriber is to hear about; sent alone or in a digest."""

    subscription = models.ForeignKey(
        ReplySubscription, on_delete=models.CASCADE, related_name="notices"
    )
    reply = models.ForeignKey("comments.Comment", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        default_permissions = ()  # not edited in the admin: no permission to hand out
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "reply"], name="one_notice_per_reply")
        ]

    def __str__(self):
        return _("Reply %(reply)s to comment %(comment)s") % {
            "reply": self.reply_id,
            "comment": self.subscription.comment_id,
        }


class DataRequest(models.Model):
    """A "your comments and your data" link sent to an address that has comments."""

    email = models.EmailField(_("email"))
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        default_permissions = ()  # not edited in the admin: no permission to hand out
        ordering = ["-created_at"]

    def __str__(self):
        return _("Data request %(id)s") % {"id": self.pk}
