"""A commenter and a moderator at work during a live story.

Run as ``python -m bench.live_commenter BASE_URL ARTICLE_PATH RATE SECONDS`` with the
benchmark's environment (``bench/live.py`` does). RATE times a second, on a fixed schedule, a
reader posts a comment to the article through the site's form (it waits for moderation, as a
first-time commenter's does), a moderator approves it (``Comment.moderate()``, as the admin's
action does), and the article page is read at once to check that the comment shows. The last
line printed is a JSON object: comments posted, approved, shown at once, and the rate kept.
"""

import json
import secrets
import sys
import time
from urllib.parse import urlencode

import django

from bench import server


def main(base_url, path, rate, seconds):
    django.setup()

    from articles.models import Article
    from comments.forms import sign_render_time
    from comments.models import Comment

    slug = path.strip("/").split("/")[-1]
    article = Article.objects.get(slug=slug)
    run = secrets.token_hex(3)
    posted = approved = shown = late = 0
    started = time.monotonic()
    count = int(rate * seconds)
    for n in range(count):
        wait = started + n / rate - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        else:
            late += 1
        text = f"Live comment {run}-{n}: the update at the top changes the picture."
        form = {
            "author_name": "Live reader",
            "author_email": f"live-{run}-{n}@example.org",
            "author_url": "",
            "body": text,
            "rendered": sign_render_time(article.pk, now=time.time() - 30),
            "homepage": "",
            "parent": "",
        }
        status, _headers, _body = server.request(
            base_url,
            "POST",
            f"{path}comments/",
            body=urlencode(form),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": base_url,
            },
        )
        if status not in (302, 303):
            continue
        posted += 1
        comment = Comment.objects.filter(article=article, body=text).first()
        if comment is None:
            continue
        comment.moderate(Comment.Status.APPROVED, by=None)
        approved += 1
        _status, _headers, page = server.get(base_url, path)
        shown += text.encode() in page
    took = time.monotonic() - started
    print(
        json.dumps(
            {
                "planned": count,
                "posted": posted,
                "approved": approved,
                "shown_at_once": shown,
                "late": late,
                "rate": round(approved / took, 2) if took else 0,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]))
