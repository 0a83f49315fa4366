import functools
from collections import namedtuple

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, TextField
from django.db.models.functions import Cast
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from .text import render_comment, safe_website

# Sent by ``Comment.moderate()``, with ``comment``: a moderator's decision, saved.
comment_moderated = Signal()

# The only fields public pages ever load: no email, sender hash or user agent.
PUBLIC_FIELDS = (
    "id",
    "article_id",
    "parent_id",
    "depth",
    "author_name",
    "author_url",
    "body_html",
    "status",
    "is_staff_reply",
    "created_at",
    "updated_at",
    "erased_at",
)


class _Row:
    """What rows of comments for pages answer, from their fields."""

    __slots__ = ()

    @property
    def pk(self):
        return self.id

    @property
    def is_pending(self):
        return self.status == Comment.Status.PENDING

    @property
    def is_counted(self):
        return is_counted(self.status, self.erased_at)


class ShownComment(_Row, namedtuple("ShownComment", (*PUBLIC_FIELDS, "version"))):
    """A comment's public fields, as pages show them, and its ``version``."""

    __slots__ = ()

    def as_seen_by_author(self):
        """The comment as its author sees it: spam is never announced as such, it waits."""
        if self.status == Comment.Status.SPAM:
            return self._replace(status=Comment.Status.PENDING)
        return self

    def as_comment(self):
        """The comment itself (public fields only), to render."""
        fields = self._asdict()
        del fields["version"]
        return Comment(**fields)


# What a thread's shape and its kept pieces need, without the comments' text.
OUTLINE_FIELDS = ("id", "parent_id", "status", "erased", "version")


class OutlinedComment(_Row, namedtuple("OutlinedComment", OUTLINE_FIELDS)):
    """A comment's place in its thread, whether it was erased (``erased``: the moment, as
    text, or None) and its ``version``."""

    __slots__ = ()

    @property
    def is_counted(self):
        return is_counted(self.status, self.erased)  # only whether it is None counts


def version():
    """A comment's version, what its kept HTML is known by: the moment it last changed
    (``updated_at``, moved by every save), as the database writes it. Read as text, not as a
    datetime: making hundreds of datetimes is most of the time it takes to read a thread."""
    return Cast("updated_at", output_field=TextField())


def counted_fields():
    """The one rule of a comment readers count in "N comments": approved and not erased, as
    field values (``CommentQuerySet.counted()`` filters by them, ``is_counted()`` compares)."""
    return {"status": Comment.Status.APPROVED, "erased_at": None}


def counted_q(prefix=""):
    """``counted_fields()`` as a filter, across a relation when ``prefix`` is one ("reply__")."""
    return Q(**{prefix + name: value for name, value in counted_fields().items()})


def not_erased_q(prefix=""):
    """Comments not erased (their place in a thread kept, their content gone), across a
    relation when ``prefix`` is one ("comment__")."""
    return Q(**{prefix + "erased_at": None})


def is_counted(status, erased_at):
    """Whether a comment with these fields counts in "N comments" (``counted_fields()``)."""
    return (status, erased_at) == _counted_values()


@functools.cache
def _counted_values():
    """``counted_fields()``'s values, status then erased_at: asked of hundreds of rows."""
    fields = counted_fields()
    return (fields["status"], fields["erased_at"])


class CommentQuerySet(models.QuerySet):
    def approved(self):
        """Approved comments, erased ones included: an erased comment keeps its place in its
        thread (as "erased"), but is not counted (``counted()``)."""
        return self.filter(status=Comment.Status.APPROVED)

    def counted(self):
        """The comments readers count in "N comments" (``counted_fields()``)."""
        return self.filter(**counted_fields())

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def not_erased(self):
        return self.filter(not_erased_q())

    def public(self):
        """Comments as public pages may read them: the commenter's email is never loaded."""
        return self.only(*PUBLIC_FIELDS)

    def for_article_page(self, article, own_ids=()):
        """Approved comments of ``article``, plus those of ``own_ids`` (this reader's) still
        waiting: pending, or filed as spam, which its author is never told."""
        visible = Q(status=Comment.Status.APPROVED)
        if own_ids:
            waiting = [Comment.Status.PENDING, Comment.Status.SPAM]
            visible |= Q(status__in=waiting, pk__in=list(own_ids))
        return self.public().filter(visible, article=article).order_by("created_at", "id")

    def shown(self):
        """As ``ShownComment`` rows: what threads are built from, without making a model
        instance of each comment (only of those rendered now)."""
        rows = self.annotate(version=version()).values_list(*PUBLIC_FIELDS, "version")
        return [ShownComment(*row) for row in rows]

    def outlined(self):
        """As ``OutlinedComment`` rows: enough to put kept pieces of threads together."""
        rows = self.annotate(
            erased=Cast("erased_at", output_field=TextField()), version=version()
        ).values_list(*OUTLINE_FIELDS)
        return [OutlinedComment(*row) for row in rows]

    def by_email(self, email):
        return self.filter(author_email__iexact=email.strip())

    def approved_counts(self, article_ids):
        """``{article id: number of comments readers count}`` in one query."""
        rows = (
            self.counted()
            .filter(article_id__in=article_ids)
            .values("article_id")
            .annotate(count=Count("id"))
            .order_by()
        )
        return {row["article_id"]: row["count"] for row in rows}


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    class Reason(models.TextChoices):
        """Why a comment got its status when it was posted."""

        FIRST_TIME = "first_time", _("First-time commenter")
        LINKS = "links", _("Too many links")
        MODERATION_TERM = "moderation_term", _("Moderation term")
        BLOCKED_TERM = "blocked_term", _("Blocked term")
        HONEYPOT = "honeypot", _("Honeypot field filled")
        TOO_FAST = "too_fast", _("Sent too fast")
        STALE_FORM = "stale_form", _("Form too old or altered")
        AKISMET_SPAM = "akismet_spam", _("Akismet: spam")
        AKISMET_UNREACHABLE = "akismet_unreachable", _("Akismet unreachable")
        RETURNING = "returning", _("Returning commenter")
        TRUSTED = "trusted", _("Trusted commenter")
        STAFF = "staff", _("Staff member")
        UNVERIFIED = "unverified", _("Unverified returning commenter")
        DUPLICATE = "duplicate", _("Duplicate of an earlier comment")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    author_name = models.CharField(_("name"), max_length=100)
    author_email = models.EmailField(_("email"), blank=True)
    author_url = models.URLField(_("website"), max_length=300, blank=True)
    body = models.TextField(_("comment"), max_length=5000)
    body_html = models.TextField(editable=False, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    is_staff_reply = models.BooleanField(_("staff"), default=False, editable=False)
    # A keyed hash of the sender's address (comments/senders.py): never the address itself.
    sender_hash = models.CharField(_("sender"), max_length=16, blank=True, db_index=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("posted"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_page_idx"),
            models.Index(fields=["status", "-created_at"], name="comment_queue_idx"),
            models.Index(fields=["author_email", "status"], name="comment_author_idx"),
        ]
        permissions = [("can_moderate", _("Can moderate comments"))]

    def __str__(self):
        return _("Comment by %(name)s on %(article)s") % {
            "name": self.author_name or _("(erased)"),
            "article": self.article_id,
        }

    def save(self, *args, **kwargs):
        if self._state.adding:
            self.depth = self.parent.depth + 1 if self.parent_id else 0
        self.body_html = render_comment(self.body)
        if kwargs.get("update_fields") is not None:
            # updated_at tells pages a comment changed (comments/threads.py): always with it.
            also = {"updated_at", *(["body_html"] if "body" in kwargs["update_fields"] else [])}
            kwargs["update_fields"] = {*kwargs["update_fields"], *also}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.article.slug}) + f"#{self.anchor}"

    # Whether readers could see this comment as it was loaded: see comments/pages.py.
    was_approved = False

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):
        instance = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        if "status" in instance.__dict__:
            instance.was_approved = instance.status == cls.Status.APPROVED
        return instance

    @property
    def anchor(self):
        return f"comment-{self.pk}"

    @property
    def rendered_body(self):
        return mark_safe(self.body_html)  # escaped and linkified by render_comment() on save

    @property
    def website(self):
        """The commenter's website, only if it is an http(s) address."""
        return safe_website(self.author_url)

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    @property
    def is_erased(self):
        return self.erased_at is not None

    @property
    def is_counted(self):
        return is_counted(self.status, self.erased_at)

    def moderate(self, status, *, by):
        self.status = status
        self.moderated_by = by
        self.moderated_at = timezone.now()
        self.save(update_fields=["status", "moderated_by", "moderated_at"])
        comment_moderated.send(sender=Comment, comment=self)

    def erase(self):
        """Remove the text and personal data; a placeholder keeps the thread readable."""
        self.author_name = ""
        self.author_email = ""
        self.author_url = ""
        self.body = ""
        self.sender_hash = ""
        self.user_agent = ""
        self.erased_at = timezone.now()
        self.save()


class ModerationTerm(models.Model):
    """A word or phrase that holds a comment for moderation, or marks it as spam."""

    class Action(models.TextChoices):
        HOLD = "hold", _("Hold for moderation")
        BLOCK = "block", _("Mark as spam")

    term = models.CharField(
        _("term"),
        max_length=100,
        unique=True,
        help_text=_("Matched anywhere in the name, website or text, ignoring case."),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["term"]
        verbose_name = _("moderation term")
        verbose_name_plural = _("moderation terms")

    def __str__(self):
        return self.term


class TrustedCommenter(models.Model):
    """An email whose comments skip the queue, set by "Approve and trust the commenter"."""

    email = models.EmailField(_("email"), unique=True)
    trusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trusted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("trusted since"), auto_now_add=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("trusted commenter")
        verbose_name_plural = _("trusted commenters")

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


# Commenters' addresses, subscriptions and data requests live in their own module.
from .commenter_models import (  # noqa: E402, F401
    CommenterAddress,
    DataRequest,
    ReplyNotice,
    ReplySubscription,
)
