"""What a phone downloads for a page: every response, counted by Debian's chromium.

The browser is ``/usr/bin/chromium`` (``NEWSROOM_CHROMIUM`` overrides it), driven by Playwright
with ``executable_path``: never a browser downloaded by ``playwright install``. The viewport is a
375 × 812 phone at device scale factor 3 (an iPhone X-class screen), so responsive images pick
the renditions such a phone would.

Bytes are counted twice: as decoded (what the browser holds) and as they would travel in
production. gunicorn sends HTML uncompressed and nginx gzips it (``deploy/nginx``, level 5), so
the HTML's travelling size is its gzip at level 5; static files come compressed from WhiteNoise
when the browser asks, and images are sent as they are.
"""

import gzip
import os
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = Path(os.environ.get("NEWSROOM_CHROMIUM") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 375, "height": 812}
DEVICE_SCALE_FACTOR = 3
NGINX_GZIP_LEVEL = 5
NGINX_GZIP_MIN_LENGTH = 1024
NGINX_GZIP_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
SCROLL_STEP = 800  # CSS pixels, a screenful: lazy images load as they come near the viewport


@dataclass
class Weight:
    requests: int = 0
    decoded: int = 0
    transferred: int = 0
    by_type: dict = field(default_factory=dict)  # resource type -> [requests, decoded, sent]


def gzipped_size(data, level=NGINX_GZIP_LEVEL):
    return len(gzip.compress(data, compresslevel=level, mtime=0))


def available():
    """Why page weights cannot be measured here, or None when they can."""
    if not CHROMIUM.exists():
        return f"no chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[dev]')"
    return None


def _travelling_size(response, body):
    """The bytes this response would take on the wire in production."""
    headers = response.headers
    sent = response.request.sizes()["responseBodySize"]
    if headers.get("content-encoding"):
        return sent
    kind = headers.get("content-type", "")
    if len(body) >= NGINX_GZIP_MIN_LENGTH and kind.startswith(NGINX_GZIP_TYPES):
        return gzipped_size(body)
    return max(sent, len(body))


def _total(requests):
    weight = Weight()
    for request in requests:
        response = request.response()
        if response is None:
            continue
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            body = b""
        sent = _travelling_size(response, body)
        row = weight.by_type.setdefault(request.resource_type, [0, 0, 0])
        row[0] += 1
        row[1] += len(body)
        row[2] += sent
        weight.requests += 1
        weight.decoded += len(body)
        weight.transferred += sent
    return weight


def measure(base_url, path):
    """(weight on load, weight after scrolling to the bottom) of ``path`` on a phone."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                base_url=base_url,
                viewport=VIEWPORT,
                device_scale_factor=DEVICE_SCALE_FACTOR,
                is_mobile=True,
                has_touch=True,
                locale="en-GB",
            )
            # Only the site: anything else would be a request the page must not make.
            context.route(lambda url: not url.startswith(base_url), lambda route: route.abort())
            page = context.new_page()
            finished = []
            page.on("requestfinished", lambda request: finished.append(request))
            page.goto(path, wait_until="load")
            page.wait_for_load_state("networkidle")
            on_load = _total(list(finished))
            height = page.evaluate("document.documentElement.scrollHeight")
            for top in range(0, height + SCROLL_STEP, SCROLL_STEP):
                page.evaluate("top => window.scrollTo(0, top)", top)
                page.wait_for_timeout(50)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            scrolled = _total(list(finished))
            context.close()
        finally:
            browser.close()
    return on_load, scrolled
