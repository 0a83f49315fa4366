"""Arranging a page's comments into threads."""

from dataclasses import dataclass, field


@dataclass
class Thread:
    comment: object
    replies: list = field(default_factory=list)


def build_threads(comments):
    """Comments (oldest first) as top-level threads with nested replies.

    A reply whose parent is not shown (removed, or someone else's pending comment) is shown
    at the top level rather than lost.
    """
    nodes = {comment.pk: Thread(comment) for comment in comments}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.comment.parent_id)
        (parent.replies if parent else roots).append(node)
    return roots
