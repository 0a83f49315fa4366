"""The article page rendered in-process: cold, with the comment fragments, and from the cache.

Run as ``python -m bench.render_times <article path>`` with the benchmark's environment
(``bench/run.py`` does). Prints one JSON object: milliseconds per request for each way, the
median of several. No server and no load generator: what the request costs in Python and SQL.
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
        started = time.perf_counter()
        response = get()
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return round(statistics.median(times), 1)


def main(path):
    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    pages = caches["pages"]

    def get():
        return client.get(path)

    settings.NEWSROOM_PAGE_CACHE = False
    get()  # imports, templates, connections
    cold = median_ms(get, prepare=pages.clear)
    fragments = median_ms(get)
    settings.NEWSROOM_PAGE_CACHE = True
    get()
    cached = median_ms(get)
    print(json.dumps({"cold_ms": cold, "fragments_ms": fragments, "cached_ms": cached}))


if __name__ == "__main__":
    main(sys.argv[1])
