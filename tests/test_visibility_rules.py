"""What readers may see is written once, in the querysets: ``Article.objects.published()``
(and ``scheduled()``, ``drafts()``, ``published_or_scheduled()``, ``not_published()``) and
``Comment.objects.approved()``/``counted()``. A copy of the rule written elsewhere is one a
change could miss, so the code is read for filters on status, publication time or erasure, and
for status comparisons in views, admin, feeds, sitemaps, template tags and context processors.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "articles", "comments", "fronts", "pages", "redirects", "wordpress", "newsroom",
    "pagecache", "safeguards", "operations",
]  # fmt: skip

# Filters that restate who may see what. Models hold the querysets that own them.
RESTATED_FILTERS = [
    re.compile(r"(?<![.\w])(\w+__)?status(__in)?\s*=\s*[\w.]*Status\.(PUBLISHED|APPROVED)"),
    re.compile(r"(?<![.\w])(\w+__)?status__in\s*="),
    re.compile(r"published_at__(lte|lt|gt|gte)\s*=\s*(now\b|timezone\.now\(\))"),
    re.compile(r"erased_at__isnull"),
]
# Comparisons that decide what a page or an admin screen shows.
RESTATED_COMPARISONS = [
    re.compile(r"[=!]=\s*[\w.\[\]\"']*Status\.(PUBLISHED|APPROVED)"),
]
SHOWING_MODULES = {
    "views.py",
    "admin.py",
    "feeds.py",
    "sitemaps.py",
    "context_processors.py",
    "site_lists.py",
}
SHOWING_FOLDERS = {"admin", "templatetags"}
# The demo writes the statuses of the rows it creates: writes, not reads.
WRITERS = {"demo.py"}


def restated_rules(path, text):
    """``[(line number, line)]`` of ``text`` (the module at ``path``) that restate a rule."""
    in_models = path.name == "models.py" or "models" in path.parts[:-1]
    writes = path.name in WRITERS or "demo" in path.parts[:-1]
    patterns = [] if in_models or writes else RESTATED_FILTERS
    if path.name in SHOWING_MODULES or SHOWING_FOLDERS & set(path.parts[:-1]):
        patterns = [*patterns, *RESTATED_COMPARISONS]
    return [
        (number, line.strip())
        for number, line in enumerate(text.splitlines(), start=1)
        if any(pattern.search(line) for pattern in patterns)
    ]


def app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT)


def test_no_module_restates_what_readers_may_see():
    found = {
        f"{path}:{number}": line
        for path in app_modules()
        for number, line in restated_rules(path, (ROOT / path).read_text())
    }

    assert found == {}


@pytest.mark.parametrize(
    "path, line",
    [
        ("articles/views.py", "Article.objects.filter(status=Article.Status.PUBLISHED)"),
        ("fronts/pages.py", "articles.exclude(published_at__gt=timezone.now())"),
        ("articles/feeds.py", "qs.filter(published_at__lte=now, pk=1)"),
        ("comments/threads.py", "Comment.objects.filter(erased_at__isnull=True)"),
        ("comments/threads.py", "Q(comments__status=Comment.Status.APPROVED)"),
        ("comments/services.py", "rows.filter(status__in=shown)"),
        ("articles/admin.py", "if obj.status == Article.Status.PUBLISHED:"),
        ("comments/templatetags/comments.py", "if c.status != Comment.Status.APPROVED:"),
    ],
)  # fmt: skip
def test_a_restated_rule_is_found(path, line):
    assert restated_rules(Path(path), f"x = 1\n{line}\n") == [(2, line)]


@pytest.mark.parametrize(
    "path, line",
    [
        ("articles/models/articles.py", "return self.filter(status=Article.Status.PUBLISHED)"),
        ("comments/models.py", "return self.filter(status=Comment.Status.APPROVED)"),
        ("articles/admin.py", "article.status = Article.Status.PUBLISHED"),
        ("articles/demo.py", "Article.objects.create(status=Article.Status.PUBLISHED)"),
        ("articles/sitemaps.py", "items.filter(published_at__gte=since)"),
        ("comments/admin/queue.py", "queryset.filter(status=value)"),
        ("comments/dependencies.py", "if instance.status == instance.Status.APPROVED:"),
    ],
)
def test_the_querysets_writes_and_other_filters_are_not_rules(path, line):
    assert restated_rules(Path(path), line) == []
