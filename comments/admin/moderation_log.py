import logging

moderation_log = logging.getLogger("newsroom.moderation")


def log_moderation(request, action, comment_ids, **fields):
    """One log line per moderation action: what was done, to which comments, by whom. Never
    an email address or a comment's text."""
    fields = {
        "action": action,
        "comment_ids": sorted(comment_ids),
        "moderator": request.user.get_username(),
        **fields,
    }
    moderation_log.info(
        "%(action)s by %(moderator)s: comments %(comment_ids)s", fields, extra={"fields": fields}
    )
