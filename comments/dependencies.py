"""What the comments app's pages show and which comment writes renew it, in the page cache's
names (see articles/dependencies.py for the articles' names).

``comments:<article id>`` is an article's approved comments: its threads and its comment count,
wherever they are shown (the article page, cards in lists, related articles). A new pending
comment changes no public page (only its author's, who is never served from the cache);
approving it, removing it, or editing an approved one does, and renews that article's name only.
"""

from pagecache import depends_on, renew

comments_of = "comments:{}".format  # of an article, by primary key


def declare_comments(*article_ids):
    depends_on(*(comments_of(article_id) for article_id in article_ids))


def comment_saved(sender, instance, created, **kwargs):
    if instance.status == instance.Status.APPROVED or instance.was_approved:
        renew(comments_of(instance.article_id))
    instance.was_approved = instance.status == instance.Status.APPROVED


def comment_deleted(sender, instance, **kwargs):
    if instance.was_approved or instance.status == instance.Status.APPROVED:
        renew(comments_of(instance.article_id))
