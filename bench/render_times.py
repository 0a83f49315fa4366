"""The article page rendered in-process: cold, with its threads kept, after one approval, and
from the page cache.

Run as ``python -m bench.render_times <article path>`` with the benchmark's environment
(``bench/run.py`` does). Prints one JSON object: milliseconds of CPU per request for each way,
the median of several. No server and no load generator: what the request costs in Python and
SQL, measured as the process's CPU time so that other work on a shared machine counts less.

- ``cold_ms``: every cache empty: the comments are all rendered;
- ``fragments_ms``: the page cache off, the comment threads kept: what staff, a reader with a
  pending comment or the first reader after a change to the article pay;
- ``after_approval_ms``: the page cache off, right after one more comment was approved: the
  threads are made again, from the comments kept one by one (target: at most twice
  ``fragments_ms``);
- ``cached_ms``: from the page cache.
"""

import json
import statistics
import sys
import time

import django

ROUNDS = 15


def median_ms(get, prepare=lambda: None):
    times = []
    for _ in range(ROUNDS):
        prepare()
        started = time.process_time()
        response = get()
        times.append((time.process_time() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return round(statistics.median(times), 1)


def main(path):
    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.test import Client

    from articles.models import Article
    from comments.models import Comment

    client = Client(HTTP_HOST="127.0.0.1")
    article = Article.objects.get(slug=path.strip("/").split("/")[-1])
    replied = Comment.objects.filter(article=article, status=Comment.Status.APPROVED).first()

    def get():
        return client.get(path)

    def clear():
        for alias in ("pages", "fragments"):
            caches[alias].clear()

    def approve_one():
        comment = Comment.objects.create(
            article=article,
            parent=replied,
            author_name="Late reader",
            author_email="late@example.org",
            body="One more remark, approved a moment ago.",
        )
        comment.moderate(Comment.Status.APPROVED, by=None)

    settings.NEWSROOM_PAGE_CACHE = False
    get()  # imports, templates, connections
    cold = median_ms(get, prepare=clear)
    fragments = median_ms(get)
    after_approval = median_ms(get, prepare=approve_one)
    settings.NEWSROOM_PAGE_CACHE = True
    get()
    cached = median_ms(get)
    print(
        json.dumps(
            {
                "cold_ms": cold,
                "fragments_ms": fragments,
                "after_approval_ms": after_approval,
                "cached_ms": cached,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
