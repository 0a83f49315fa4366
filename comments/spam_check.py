"""The optional Akismet check, used only when ``AKISMET_API_KEY`` is set."""

import logging

import akismet
import httpx
from django.conf import settings

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 3


def http_client():
    """The HTTP client Akismet requests go through (tests give it a fake transport)."""
    return httpx.Client(timeout=TIMEOUT_SECONDS, headers={"User-Agent": akismet.USER_AGENT})


def is_configured():
    return bool(settings.AKISMET_API_KEY)


def akismet_says_spam(*, ip, user_agent, name, email, url, body, permalink):
    """True for spam, False for ham, None when the service could not give an answer."""
    config = akismet.Config(key=settings.AKISMET_API_KEY, url=settings.AKISMET_SITE_URL)
    try:
        with http_client() as client:
            answer = akismet.SyncClient(config=config, http_client=client).comment_check(
                user_ip=ip or "",
                user_agent=user_agent,
                comment_type="comment",
                comment_author=name,
                comment_author_email=email,
                comment_author_url=url,
                comment_content=body,
                permalink=permalink,
            )
    except (akismet.AkismetError, httpx.HTTPError):
        logger.warning("Akismet could not be reached; the comment waits for moderation.")
        return None
    return answer != akismet.CheckResponse.HAM
