"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

The browser is the system's ``/usr/bin/chromium`` (``NEWSROOM_CHROMIUM`` overrides it), never
one downloaded by ``playwright install``. One browser serves the whole package; every test gets
fresh contexts (cookies, storage) from ``new_context``, closed after it.

On failure, every page the test had open is saved to ``tests/artifacts/failures/`` as a
screenshot and its HTML (see ``pytest_runtest_makereport``).
"""

import os
import re

import pytest

from . import prerequisites
from .tools import ARTIFACTS, AXE_JS, AXE_PATH, CHROMIUM, CHROMIUM_ARGS, VIEWPORT

CONTEXTS = pytest.StashKey[list]()
SKIPPED = pytest.StashKey[tuple]()


@pytest.hookimpl(trylast=True)  # after -m and -k have deselected what they would
def pytest_collection_modifyitems(config, items):
    """Without chromium, Java or the npm tools, every browser test is skipped (never under CI)."""
    reason = prerequisites.skip_reason(prerequisites.look())
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if reason and browser_items:
        for item in browser_items:
            item.add_marker(pytest.mark.skip(reason=reason))
        config.stash[SKIPPED] = (len(browser_items), reason)


def pytest_terminal_summary(terminalreporter, config):
    if SKIPPED in config.stash:
        count, reason = config.stash[SKIPPED]
        terminalreporter.write_line(f"{reason} ({count} tests)", yellow=True, bold=True)


@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"No chromium at {CHROMIUM}: install Debian's (apt-get install chromium) or point "
            "NEWSROOM_CHROMIUM at one. Never `playwright install`."
        )
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread, so Django would take
    # the ORM calls of tests and fixtures for calls from async code: refused, and made on
    # connections of their own, apart from the test database's (which holds the state that
    # serialized_rollback restores). So, only while the browser runs: allow the calls, and
    # give them this thread's connections.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    thread_connections = {alias: connections[alias] for alias in connections}
    playwright = sync_playwright().start()
    for alias, connection in thread_connections.items():
        connections[alias] = connection
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def browser_settings(settings):
    """The live server runs in this process, so settings changed here apply to it too.
    (Flood control's counters live in the cache, which tests/conftest.py empties.)"""
    settings.COMMENTS_MIN_SECONDS = 0  # a browser posts the form faster than a person


@pytest.fixture
def new_context(request, browser, live_server):
    """Make a browser context on the live server: ``new_context(java_script_enabled=False)``.

    Requests that leave the live server are refused and listed in ``context.external_requests``:
    the site must not make any. axe-core is served at ``AXE_PATH`` on the live server's own
    origin, so that the site's Content-Security-Policy (script-src 'self') lets it run.
    """
    contexts = request.node.stash.setdefault(CONTEXTS, [])

    def make(**options):
        options.setdefault("base_url", live_server.url)
        options.setdefault("viewport", VIEWPORT)
        options.setdefault("locale", "en-GB")
        options.setdefault("timezone_id", "UTC")
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        context.external_requests = []

        def route(route):
            url = route.request.url
            if url == live_server.url + AXE_PATH:
                route.fulfill(path=AXE_JS, content_type="text/javascript")
            elif url.startswith(live_server.url) and not url.endswith("/favicon.ico"):
                route.continue_()
            else:
                if not url.endswith("/favicon.ico"):  # asked for by the browser itself
                    context.external_requests.append(url)
                route.abort()

        context.route("**/*", route)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and report.when in ("setup", "call"):
        save_failure_artifacts(item.nodeid, item.stash.get(CONTEXTS, []))
    return report


def save_failure_artifacts(nodeid, contexts):
    folder = ARTIFACTS / "failures"
    folder.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", nodeid.split("::", 1)[-1]).strip("_")
    for c, context in enumerate(contexts):
        for p, page in enumerate(context.pages):
            stem = folder / f"{name}-{c}-{p}"
            try:
                page.screenshot(path=stem.with_suffix(".png"), full_page=True)
                stem.with_suffix(".html").write_text(
                    f"<!-- {page.url} -->\n{page.content()}", encoding="utf-8"
                )
            except Exception as error:  # a crashed or closed page: keep the report going
                stem.with_suffix(".txt").write_text(f"{page.url}\n{error!r}\n")
