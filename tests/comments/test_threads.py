"""Arranging a page's comments (oldest first) into threads."""

from dataclasses import dataclass

from comments.threads import arrange


@dataclass
class FakeComment:
    pk: int
    parent_id: int | None = None


def shape(comments):
    """Threads as nested ``(pk, [replies])`` tuples, easy to compare."""
    top, replies = arrange(comments)

    def nested(comment):
        return (comment.pk, [nested(reply) for reply in replies.get(comment.pk, [])])

    return [nested(comment) for comment in top]


def test_no_comments_make_no_threads():
    assert arrange([]) == ([], {})


def test_top_level_comments_keep_their_order():
    comments = [FakeComment(3), FakeComment(1), FakeComment(2)]

    assert shape(comments) == [(3, []), (1, []), (2, [])]


def test_replies_nest_under_their_parents_in_order():
    comments = [
        FakeComment(1),
        FakeComment(2),
        FakeComment(3, parent_id=1),
        FakeComment(4, parent_id=3),
        FakeComment(5, parent_id=1),
        FakeComment(6, parent_id=2),
    ]

    assert shape(comments) == [
        (1, [(3, [(4, [])]), (5, [])]),
        (2, [(6, [])]),
    ]


def test_reply_whose_parent_is_not_shown_appears_at_the_top_level():
    comments = [FakeComment(1), FakeComment(7, parent_id=99)]

    assert shape(comments) == [(1, []), (7, [])]


def test_threads_hold_the_comment_objects_themselves():
    parent, reply = FakeComment(1), FakeComment(2, parent_id=1)

    top, replies = arrange([parent, reply])

    assert top == [parent]
    assert replies[parent.pk][0] is reply
