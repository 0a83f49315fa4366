"""docs/performance.md, written from one run of ``bench/run.py``."""

from dataclasses import dataclass

from bench import live

# (what is measured, ratio to the ceiling at least) at TARGET_CONNECTIONS connections.
RATIO_TARGETS = (
    ("article uncached", 0.10),
    ("article cached", 0.85),
    ("home cached", 0.85),
)
CACHED_PAGES = ("home cached", "article cached")
P99_TARGET_MS = 100
# The first render after one approval, against the render with the threads kept.
APPROVAL_RENDER_TARGET = 2.0
RSS_TARGET_MB = 150
TARGET_CONNECTIONS = 16
FEW_REQUESTS = 100


@dataclass
class Row:
    name: str
    server: str  # "page cache on" or "page cache off"
    url: str
    result: object  # bench.wrk.Result


@dataclass
class Run:
    """Everything one run measured and knows about where it ran."""

    live: object  # bench.live.LiveRun
    render: dict  # bench/render_times.py's milliseconds
    rows: dict  # (workers, connections) -> [Row]
    memory: dict  # (workers, server) -> [(pid, rss kB, peak kB)]
    booted: dict  # (workers, server) -> workers booted during the run
    weights: dict  # see bench/run.py: measure_weights()
    facts: dict  # from bench/seed.py
    machine: dict
    versions: dict
    settings: dict  # duration, warm-up, threads, command, date, seconds taken, gunicorn notes


def _kb(size):
    return f"{size / 1024:,.0f} KB"


def _mb(kilobytes):
    return kilobytes / 1024


def _mark(met):
    return "**met**" if met else "**missed**"


def ceiling_rate(rows):
    return next(row.result.rate for row in rows if row.name == "ceiling")


def targets(run):
    """``[(target, worker count, measured, met)]``."""
    checks = []
    for (workers, connections), rows in sorted(run.rows.items()):
        if connections != TARGET_CONNECTIONS:
            continue
        ceiling = ceiling_rate(rows)
        by_name = {row.name: row for row in rows}
        for name, minimum in RATIO_TARGETS:
            if name in by_name:
                ratio = by_name[name].result.rate / ceiling
                checks.append(
                    (
                        f"{name} ≥ {minimum:.2f} of the ceiling",
                        workers,
                        f"{ratio:.2f}",
                        ratio >= minimum,
                    )
                )
        for name in CACHED_PAGES:
            if name in by_name:
                p99 = by_name[name].result.p99_ms
                checks.append(
                    (
                        f"{name}: p99 < {P99_TARGET_MS} ms at {connections} connections",
                        workers,
                        f"{p99:.1f} ms",
                        p99 < P99_TARGET_MS,
                    )
                )
    ratio = run.render["after_approval_ms"] / run.render["fragments_ms"]
    checks.append(
        (
            f"first render after one approval ≤ {APPROVAL_RENDER_TARGET:g} × the render with "
            "the threads kept (in-process)",
            "—",
            f"{ratio:.2f} ×",
            ratio <= APPROVAL_RENDER_TARGET,
        )
    )
    for workers in sorted({workers for workers, _server in run.memory}):
        largest = max(
            (
                rss
                for (w, _s), memory in run.memory.items()
                if w == workers
                for _pid, rss, _peak in memory
            ),
            default=0,
        )
        checks.append(
            (
                f"worker RSS < {RSS_TARGET_MB} MB",
                workers,
                f"{_mb(largest):.0f} MB",
                _mb(largest) < RSS_TARGET_MB,
            )
        )
    return checks


READING = [
    "## Reading these figures",
    "",
    "- Anonymous readers are the crowd, and they get whole pages from the page cache "
    "(`pagecache/`): no query, no template, a page compressed once when stored. That is why "
    "the cached rows keep up with the ceiling: they do less than the ceiling's view, which "
    "passes every middleware.",
    "- A page is kept with the names of what it shows (the article, its comments, the lists "
    "and the navigation it shows) and the version of each; a write renews only the names it "
    "changes. An approved comment renews its article's page and the pages showing that "
    "article's comment count, nothing else: the live story's busy rows measure that.",
    "- Comment threads are made of each comment's HTML, kept on its own: after an approval "
    "the moderator's request puts the thread together again from the kept pieces, rendering "
    "one comment, once it commits; the page's first reader finds it made.",
    "- A list page's articles are kept as made, their comment counts left as slots filled in "
    "for each page with one query: an approval renews the home page without its articles "
    "being read again.",
    "- The article rendered for each request (staff, a reader with a pending comment or a "
    "message, or the page cache off) reads the article and its section (1 query); its header, "
    "body, metadata, related articles, threads, the site's header and footer are kept parts, "
    "and the threads go into the response as bytes once the templates ran. A cold render "
    "runs its 13 queries.",
    "- Search runs a full-text query ranked over every match (all 1,000 articles here): "
    "readers' searches are mostly different, so it is measured without the page cache.",
    "",
]


def render(run):
    s, f = run.settings, run.facts
    lines = [
        "# Performance",
        "",
        f"Measured {s['date']} by `bench/run.py` (the whole run took {s['took']}). Regenerate "
        "this page with:",
        "",
        "```sh",
        s["command"],
        "```",
        "",
        "What is measured: gunicorn with the project's configuration (`deploy/gunicorn.conf.py`, "
        f"sync workers{_recycling(s['max_requests'])}) and production settings (`DEBUG` off, "
        "`bench/settings.py`: "
        "`newsroom.settings` plus a ceiling page and relaxed comment flood control), on "
        "127.0.0.1, without nginx. wrk runs on the same machine, with "
        f"{s['threads']} threads: it takes part of the CPU the server would have. Each figure is "
        f"one {s['duration']} s measurement after a {s['warmup']} s warm-up, one server at a "
        "time.",
        "",
        f"Data: {f['published_articles']:,} published articles of about 1,500 words with lead "
        "images (renditions shared by the synthetic ones); the article page measured is "
        f"“{f['article_title']}” ({f['article_words']:,} words, figures, "
        f"{f['article_comments']} approved comments in threads {f['max_depth']} levels deep). "
        f"Search is `?q={f['search_query']}`, which matches {f['search_matches']:,} articles; "
        "its first page is measured.",
        "",
        "Rows:",
        "",
        "- **ceiling**: a view returning 30 KB of static HTML built at import, through all the "
        "site's middleware, kept out of the page cache (`never_cache`): what Django answers "
        "for the least possible work; every ratio is to its requests/s in the same table;",
        "- **ceiling, page cache off** and **article uncached**, **search**: a second server "
        "started with `NEWSROOM_PAGE_CACHE=0`; search is measured there because readers' "
        "queries are mostly different, so mostly misses. Without the page cache the article "
        "is rendered for each request, its comment threads and empty form excepted: they come "
        "from the fragment cache, made once per change (a cold render of the 500 comments is "
        "given below the tables);",
        "- every request says `Accept-Encoding: gzip, deflate, br`, as browsers do: pages from "
        "the cache are sent gzipped (compressed once when stored); pages rendered for the "
        "request, and the ceiling, are sent as they are (nginx compresses them in production);",
        "- **home cached**, **article cached**, **comment POST**: the server with the page "
        "cache on;",
        "- **comment POST**: a first-time commenter's comment to the 500-comment article, each "
        "with its own email and text (`bench/comment_post.lua`); an error is any answer but "
        "a redirect (a re-rendered form is one).",
        "",
    ]
    for (workers, connections), rows in sorted(
        run.rows.items(), key=lambda i: (i[0][0], -i[0][1])
    ):
        ceiling = ceiling_rate(rows)
        lines += [
            f"## {workers} workers, {connections} connections",
            "",
            "| | requests/s | ratio to ceiling | p50 ms | p99 ms | errors |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        few = False
        for row in rows:
            r = row.result
            mark = ""
            if r.requests < FEW_REQUESTS:
                mark, few = " †", True
            lines.append(
                f"| {row.name} | {r.rate:,.0f} | {r.rate / ceiling:.2f} | {r.p50_ms:.1f} | "
                f"{r.p99_ms:.1f}{mark} | {r.errors:,} of {r.requests:,} |"
            )
        lines.append("")
        if few:
            lines += [
                f"† Fewer than {FEW_REQUESTS} requests in the measurement: the p99 is close "
                "to the slowest one.",
                "",
            ]

    lines += ["## Targets", "", "| target | workers | measured | |", "|---|---:|---:|---|"]
    for target, workers, measured, met in targets(run):
        lines.append(f"| {target} | {workers} | {measured} | {_mark(met)} |")
    lines += [""]

    lines += [
        "## Worker memory",
        "",
        "Resident memory (VmRSS) of each gunicorn worker after its server's last measurement, "
        "and its peak (VmHWM). When gunicorn recycles workers (`max_requests`), a worker's "
        "memory is that of at most that many requests; the last column counts the workers "
        "started during the server's life, the first ones included.",
        "",
        "| workers | server | RSS per worker (MB) | peak (MB) | workers started |",
        "|---:|---|---|---|---:|",
    ]
    for (workers, server), memory in sorted(run.memory.items()):
        rss = ", ".join(f"{_mb(kb):.0f}" for _pid, kb, _peak in memory)
        peak = ", ".join(f"{_mb(kb):.0f}" for _pid, _kb_, kb in memory)
        lines.append(
            f"| {workers} | {server} | {rss} | {peak} | {run.booted.get((workers, server), 0)} |"
        )
    lines.append("")

    lines += live.render(run.live)
    lines += _weights(run.weights)
    lines += READING

    m, v = run.machine, run.versions
    lines += [
        "## Machine and versions",
        "",
        f"- CPU: {m['cpu']}, {m['cores']} cores; RAM {m['ram_gb']:.1f} GB; {m['kernel']}",
        f"- Python {v['python']}, Django {f['django']}, gunicorn {v['gunicorn']}, "
        f"{v['wrk']}, {f['database']}",
        f"- Cache: {f['cache']}; static files: `{f['static_storage']}`; page cache middleware: "
        f"{', '.join(f'`{m}`' for m in f['page_cache_middleware']) or 'none'}",
        f"- Seeding took {s['seed_took']}. Load average before the run: {m['load']} (the "
        "machine may be shared: figures from a busy machine are lower and noisier).",
        "",
    ]
    if s.get("notes"):
        lines += ["## Notes", ""] + [f"- {note}" for note in s["notes"]] + [""]
    return "\n".join(lines)


def _recycling(max_requests):
    if max_requests is None:
        return ", recycled now and then as its `max_requests` says"
    if max_requests == 0:
        return ", never recycled: `--max-requests 0`"
    return f", each recycled after {max_requests:,} requests: `--max-requests {max_requests}`"


def _weights(weights):
    lines = ["## Page weight of the article with 500 comments", ""]
    if weights.get("skipped"):
        return [*lines, f"Not measured: {weights['skipped']}.", ""]
    lines += [
        f"HTML: {_kb(weights['html'])} as Django sends it, {_kb(weights['html_gzip'])} "
        "gzipped (level 5, as nginx sends it).",
        "",
        f"A phone: {weights['viewport']} CSS pixels at device scale factor "
        f"{weights['scale']}, Debian's chromium through Playwright; every response of the page "
        "counted, decoded and as it travels (HTML gzipped as by nginx, static files as "
        "WhiteNoise compresses them, images as they are). The pictures are the demo's, drawn "
        "by Pillow in flat colours: they compress far better than photographs, so real "
        "images weigh several times more.",
        "",
        "| | requests | decoded | transferred |",
        "|---|---:|---:|---:|",
    ]
    for label, weight in (
        ("on load", weights["load"]),
        ("scrolled to the bottom", weights["scrolled"]),
    ):
        lines.append(
            f"| **{label}** | {weight.requests} | {_kb(weight.decoded)} | "
            f"{_kb(weight.transferred)} |"
        )
        for kind, (count, decoded, sent) in sorted(weight.by_type.items()):
            lines.append(f"| {label}: {kind} | {count} | {_kb(decoded)} | {_kb(sent)} |")
    lines.append("")
    return lines


# Sections that other scripts write into the page (bench/search_speed.py: "## Search"), kept
# when bench/run.py rewrites the rest.
KEPT_SECTIONS = ("## Search",)


def section(text, heading):
    """The lines of ``text`` under ``heading`` (a whole line, e.g. ``## Search``), up to the
    next heading of its level or above, code blocks skipped; None when there is none."""
    span = _span(text.splitlines(), heading)
    return None if span is None else text.splitlines()[span[0] : span[1]]


def replace_section(text, heading, lines):
    """``text`` with the section under ``heading`` made ``lines`` (heading included), where it
    was, or at the end."""
    old = text.splitlines()
    span = _span(old, heading)
    if span is None:
        start = end = len(old)
        lines = ([""] if old and old[-1] else []) + list(lines)
    else:
        start, end = span
    new = old[:start] + list(lines) + old[end:]
    return "\n".join(new).rstrip("\n") + "\n"


def keep_sections(new_text, old_text):
    """``new_text`` with the KEPT_SECTIONS of ``old_text`` that it lacks."""
    for heading in KEPT_SECTIONS:
        kept = section(old_text, heading)
        if kept and section(new_text, heading) is None:
            new_text = replace_section(new_text, heading, kept)
    return new_text


def _span(lines, heading):
    level = len(heading) - len(heading.lstrip("#"))
    start, fenced = None, False
    for index, line in enumerate(lines):
        if line.startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            continue
        if start is None:
            if line == heading:
                start = index
        elif _heading_level(line) and _heading_level(line) <= level:
            return start, _trim(lines, start, index)
    return None if start is None else (start, _trim(lines, start, len(lines)))


def _heading_level(line):
    marks = len(line) - len(line.lstrip("#"))
    return marks if marks and line[marks : marks + 1] == " " else 0


def _trim(lines, start, end):
    """A section's end without the blank lines before the next one: they stay between."""
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return end
