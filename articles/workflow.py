"""An article's way through the newsroom: draft → in review → scheduled or published →
unpublished, and who may move it. Pure rules: they read neither the database, the clock nor the
request; the admin (``articles/admin_workflow.py``) passes in what it knows.

Writers write and submit their own drafts; editors (``articles.publish_article``) send back,
publish, schedule and unpublish anything. A move that needs a word says which field holds it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# The statuses, as stored in ``Article.status`` (``Article.Status`` names them for people).
DRAFT = "draft"
IN_REVIEW = "in_review"
PUBLISHED = "published"
UNPUBLISHED = "unpublished"


@dataclass(frozen=True)
class Move:
    name: str
    label: str
    sources: tuple
    target: str
    needs_publish_right: bool
    note_field: str = ""  # the article field that must hold a word for this move
    note_required_message: str = ""


MOVES = {
    move.name: move
    for move in [
        Move("submit", _("Submit for review"), (DRAFT,), IN_REVIEW, needs_publish_right=False),
        Move(
            "send_back",
            _("Send back to the writer"),
            (IN_REVIEW,),
            DRAFT,
            needs_publish_right=True,
            note_field="review_note",
            note_required_message=_("Tell the writer what to change before sending it back."),
        ),
        Move(
            "publish",
            _("Publish or schedule"),
            (DRAFT, IN_REVIEW, UNPUBLISHED),
            PUBLISHED,
            needs_publish_right=True,
        ),
        Move(
            "unpublish",
            _("Unpublish"),
            (PUBLISHED,),
            UNPUBLISHED,
            needs_publish_right=True,
            note_field="unpublished_reason",
            note_required_message=_(
                "Give readers the reason: the article's address will show it."
            ),
        ),
    ]
}


def may_edit(status, *, may_publish, owns):
    """Editors edit everything; writers only their own drafts."""
    return may_publish or (owns and status == DRAFT)


def may_make(move, status, *, may_publish, owns):
    """Whether a user may make ``move`` on an article of ``status`` now."""
    if status not in move.sources:
        return False
    if move.needs_publish_right:
        return may_publish
    return may_publish or owns


def allowed_moves(status, *, may_publish, owns):
    """The moves this user may make, in the order the buttons show them."""
    return [
        move
        for move in MOVES.values()
        if may_make(move, status, may_publish=may_publish, owns=owns)
    ]


def apply(article, move):
    """Set ``article``'s status for ``move`` (the caller saves). Submitting clears an earlier
    editor's note; publishing clears the review note and any unpublishing reason."""
    article.status = move.target
    if move.name == "submit":
        article.review_note = ""
    elif move.name == "publish":
        article.review_note = ""
        article.unpublished_reason = ""
