"""What the browser tests share: where the tools are, and how to ask them about a page.

axe-core and the Nu HTML Checker (vnu.jar) come from npm (``package.json``; ``make test`` runs
``npm ci``); chromium and Java from Debian (``make test`` installs them when it may: see
prerequisites.py).
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .prerequisites import AXE_JS, ROOT, VNU_JAR, chromium_path

ARTIFACTS = ROOT / "tests" / "artifacts"
AXE_PATH = "/__browser-tests__/axe.min.js"  # served by the new_context fixture's route

CHROMIUM = chromium_path()
# Nothing but the live server is reachable here: no updates, sync or first-run pages.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 800}

# Every live-server test: the live server's thread sees only committed rows, so each test
# commits and the database is emptied afterwards. serialized_rollback puts back what the
# migrations made (the Editors and Moderators groups, permissions); all browser tests use it,
# because one flush without it recreates content types under new ids that the next restore
# would collide with.
LIVE_SERVER_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "correct horse battery staple"  # tests.factories.make_user's default


def _require(path, what):
    if not path.exists():
        pytest.fail(f"{what} is missing ({path}): run `make browser-tools` (npm ci).")


def axe_violations(page):
    """axe-core's WCAG 2.x A and AA violations on ``page``, as readable lines (none: [])."""
    _require(AXE_JS, "axe-core")
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(url=AXE_PATH)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: "
        "['violations']})",
        WCAG_TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} "
        f"at {node['target']}: {node['failureSummary']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def html_errors(files):
    """The Nu HTML Checker's errors for each of ``files`` (a dict: file name -> messages)."""
    _require(VNU_JAR, "vnu-jar")
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "No Java runtime for the Nu HTML Checker: apt-get install default-jre-headless"
        )
    completed = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        messages = json.loads(completed.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"The Nu HTML Checker failed:\n{completed.stdout}\n{completed.stderr}")
    errors = {}
    for message in messages:
        if message["type"] in ("error", "non-document-error"):
            name = Path(message.get("url", "?").removeprefix("file:")).name
            line = message.get("lastLine", "?")
            extract = message.get("extract", "").strip()
            errors.setdefault(name, []).append(f"line {line}: {message['message']} [{extract}]")
    return errors


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than its viewport (0 when it fits)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def save_screenshot(page, name):
    """A full-page screenshot in tests/artifacts/screenshots/, lazy images loaded first."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.evaluate(
        """() => Promise.all([...document.images].map(img => {
             img.loading = "eager";
             if (img.complete) return null;
             return new Promise(done => { img.onload = img.onerror = done; });
           }))"""
    )
    page.screenshot(path=path, full_page=True)
    return path


def log_in_to_admin(page, user, next_url="/admin/"):
    page.goto(f"/admin/login/?next={next_url}")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{next_url}")
