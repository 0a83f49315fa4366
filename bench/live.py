"""The live story: one article takes most of the traffic while its comments are approved.

    .venv/bin/python bench/live.py [--duration 10] [--warmup 3] [--connections 8]
                                   [--rates 1 5] [--workers 2] [--keep]

``bench/run.py`` runs it as part of the whole benchmark and writes its tables into
docs/performance.md; run alone, it prints them.

The site: 101 published articles of about 1,500 words; the popular one has 50 approved
comments. Readers (``bench/live_mix.lua``): 70% of requests go to the popular article, 5% to
the home page, 25% to the other 100 articles, evenly. The busy runs add a commenter and a
moderator (``bench/live_commenter.py``): RATE times a second a comment is posted through the
form, approved, and looked for on the article page at once. One gunicorn server with the page
cache on (2 sync workers, production settings); every figure of a table comes from the same
server, one measurement after another, each after a warm-up.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.dont_write_bytecode = True

from bench import server, wrk  # noqa: E402
from bench.environment import child_env, seed  # noqa: E402

ARTICLES = 101
COMMENTS = 50
WORKERS = 2
CONNECTIONS = 8
CEILING_PATH = "/bench/ceiling/"
MIX_SCRIPT = ROOT / "bench" / "live_mix.lua"
# Targets, as ratios.
READERS_TO_CEILING = 0.8
BUSY_TO_READERS = {1: 0.85, 5: 0.7}
BUSY_P99_MS = 50
CACHED_ARTICLE_TO_CEILING = 0.85
RSS_TARGET_MB = 150


@dataclass
class LiveRun:
    workers: int
    connections: int
    facts: dict
    rows: list = field(default_factory=list)  # (name, wrk.Result, commenter report or None)
    memory: list = field(default_factory=list)  # [(pid, rss kB, peak kB)]
    page_entries: dict = field(default_factory=dict)
    took: float = 0.0


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--connections", type=int, default=CONNECTIONS)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--rates", type=float, nargs="+", default=[1, 5])
    parser.add_argument("--keep", action="store_true")
    return parser.parse_args(argv)


def other_articles(base_url, popular):
    """The other articles' addresses, from the sitemap."""
    _status, _headers, body = server.get(base_url, "/sitemap-articles.xml")
    text = body.decode()
    paths = []
    for chunk in text.split("<loc>")[1:]:
        url = chunk.split("</loc>")[0]
        path = "/" + url.split("://", 1)[-1].split("/", 1)[-1]
        if path != popular:
            paths.append(path)
    return paths


def prime(site, paths, workers):
    """Every page in every worker's cache, as after a while of traffic: each worker keeps its
    own pages without Redis, so each page is asked for by as many readers at once as there
    are workers (a worker busy making it leaves the next reader to another)."""
    readers = workers * 2
    with ThreadPoolExecutor(max_workers=readers) as pool:
        for path in paths:
            list(pool.map(server.get, [site.base_url] * readers, [path] * readers))


def measure(options, wrk_path, site, url, *, script_args=None, accept_encoding=True, busy=None):
    """Warm up, then measure; with ``busy=(env, article, rate)``, the commenter at work the
    whole time. ``(result, commenter report)``."""
    arguments = {"connections": options.connections, "threads": options.threads}
    if script_args:
        arguments.update(script=str(MIX_SCRIPT), script_args=script_args)
    if not accept_encoding:
        arguments["accept_encoding"] = None
    commenter = None
    if busy:
        env, article, rate = busy
        commenter = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.live_commenter",
                site.base_url,
                article,
                str(rate),
                str(options.warmup + options.duration),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
    wrk.run(wrk_path, site.base_url + url, seconds=options.warmup, **arguments)
    result = wrk.run(wrk_path, site.base_url + url, seconds=options.duration, **arguments)
    report = None
    if commenter:
        output, _ = commenter.communicate(timeout=120)
        if commenter.returncode != 0:
            raise SystemExit("The commenter failed (see above).")
        report = json.loads(output.strip().splitlines()[-1])
    site.drain()
    return result, report


def run_live(options, wrk_path, temporary):
    """Seed the live story's site, start its server, measure every row; a ``LiveRun``."""
    started = time.monotonic()
    var_dir = temporary / "live-var"
    env = child_env(var_dir)
    print(f"Live story: seeding {ARTICLES} articles into {var_dir} ...", flush=True)
    facts, _seconds = seed(env, "--articles", str(ARTICLES), "--comments", str(COMMENTS))
    popular = facts["article_url"]
    site = server.Server(
        name="live story",
        workers=options.workers,
        env=env,
        log_path=temporary / "gunicorn-live.log",
    )
    run = LiveRun(options.workers, options.connections, facts)
    try:
        others = other_articles(site.base_url, popular)
        mix = [popular, *others]
        prime(site, ["/", *mix], options.workers)
        rows = [
            ("ceiling", CEILING_PATH, {}),
            ("readers only", "/", {"script_args": mix}),
            *(
                (f"readers, {rate:g} approval/s", "/", {"script_args": mix, "rate": rate})
                for rate in options.rates
            ),
            ("article cached, gzip", popular, {}),
            ("article cached, no Accept-Encoding", popular, {"accept_encoding": False}),
        ]
        for name, url, extra in rows:
            print(f"  {name}", flush=True)
            rate = extra.pop("rate", None)
            busy = (env, popular, rate) if rate else None
            result, report = measure(options, wrk_path, site, url, busy=busy, **extra)
            print(
                f"    {result.rate:,.0f} requests/s, p50 {result.p50_ms:.1f} ms, "
                f"p99 {result.p99_ms:.1f} ms, errors {result.errors}"
                + (f"; commenter {report}" if report else ""),
                flush=True,
            )
            run.rows.append((name, result, report))
        run.memory = site.worker_memory()
    finally:
        site.stop()
    run.took = time.monotonic() - started
    return run


# Report -----------------------------------------------------------------------------------------


def _rate(run, name):
    return next(result.rate for row, result, _report in run.rows if row == name)


def targets(run):
    """``[(target, measured, met)]``."""
    ceiling, readers = _rate(run, "ceiling"), _rate(run, "readers only")
    checks = [
        (
            f"readers only ≥ {READERS_TO_CEILING} of the ceiling",
            f"{readers / ceiling:.2f}",
            readers / ceiling >= READERS_TO_CEILING,
        )
    ]
    for name, result, report in run.rows:
        if report is None:
            continue
        rate = float(name.split(", ")[1].split(" ")[0])
        minimum = BUSY_TO_READERS.get(int(rate), min(BUSY_TO_READERS.values()))
        checks += [
            (
                f"{name} ≥ {minimum} × readers only",
                f"{result.rate / readers:.2f}",
                result.rate / readers >= minimum,
            ),
            (
                f"{name}: p99 < {BUSY_P99_MS} ms",
                f"{result.p99_ms:.1f} ms",
                result.p99_ms < BUSY_P99_MS,
            ),
            (
                f"{name}: every comment shown at once",
                f"{report['shown_at_once']} of {report['approved']}",
                report["approved"] > 0 and report["shown_at_once"] == report["approved"],
            ),
        ]
    for name in ("article cached, gzip", "article cached, no Accept-Encoding"):
        ratio = _rate(run, name) / ceiling
        checks.append(
            (
                f"{name} ≥ {CACHED_ARTICLE_TO_CEILING} of the ceiling",
                f"{ratio:.2f}",
                ratio >= CACHED_ARTICLE_TO_CEILING,
            )
        )
    largest = max((rss for _pid, rss, _peak in run.memory), default=0) / 1024
    checks.append((f"worker RSS < {RSS_TARGET_MB} MB", f"{largest:.0f} MB", largest < 150))
    return checks


def render(run):
    """The live story's section of docs/performance.md."""
    ceiling, readers = _rate(run, "ceiling"), _rate(run, "readers only")
    lines = [
        "## Live story",
        "",
        f"One article takes most of the traffic while its comments are approved "
        f"(`bench/live.py`): {run.facts['published_articles']} published articles, the "
        f"popular one “{run.facts['article_title']}” with {run.facts['article_comments']} "
        "approved comments to start with. Readers: 70% of requests to the popular article, "
        "5% to the home page, 25% spread over the other articles. In the busy rows a comment "
        "is posted through the form, approved by a moderator and looked for on the page at "
        "once, at a fixed rate. One server with the page cache on "
        f"({run.workers} sync workers), {run.connections} connections, browsers' "
        "`Accept-Encoding` unless said otherwise.",
        "",
        "| | requests/s | ratio to ceiling | ratio to readers only | p50 ms | p99 ms | errors |"
        " comments shown at once |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, result, report in run.rows:
        shown = f"{report['shown_at_once']} of {report['approved']}" if report else ""
        lines.append(
            f"| {name} | {result.rate:,.0f} | {result.rate / ceiling:.2f} | "
            f"{result.rate / readers:.2f} | {result.p50_ms:.1f} | {result.p99_ms:.1f} | "
            f"{result.errors:,} of {result.requests:,} | {shown} |"
        )
    lines += ["", "| target | measured | |", "|---|---:|---|"]
    for target, measured, met in targets(run):
        lines.append(f"| {target} | {measured} | {'**met**' if met else '**missed**'} |")
    rss = ", ".join(f"{kb / 1024:.0f}" for _pid, kb, _peak in run.memory)
    lines += ["", f"Worker RSS after the run: {rss} MB.", ""]
    return lines


def main(argv=None):
    options = parse_args(sys.argv[1:] if argv is None else argv)
    wrk_path = wrk.ensure_wrk()
    temporary = Path(tempfile.mkdtemp(prefix="newsroom-live-"))
    try:
        run = run_live(options, wrk_path, temporary)
        print("\n".join(render(run)))
    finally:
        server.stop_all()
        if options.keep:
            print(f"Kept {temporary}")
        else:
            shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    main()
