"""The search page at 1,000 matches, before and after a change, in one run on one machine.

    .venv/bin/python bench/search_speed.py [--before REVISION] [--rounds 30] [--repeat 3]
                                           [--workers 2] [--connections 8] [--duration 10]
                                           [--warmup 3] [--output docs/performance.md] [--keep]

The benchmark's data (bench/seed.py: 1,000 published articles of about 1,500 words, every one
matching ``council``) is seeded with the code of ``--before`` (a git revision, by default where
this branch leaves main, exported with ``git archive``: the repository is left as it is). The
database is copied, and the copy migrated with the working tree's code. Then both are measured,
``/search/?q=council`` with the page cache off, turn and turn about, so that a machine that
gets busier or quieter during the run weighs on both sides alike:

- in-process: ``--rounds`` requests of the first page and of the last through
  django.test.Client, in ``--repeat`` turns a side: the median, wall clock and CPU time; and
  the SQL queries of the first page;
- under load: gunicorn as production runs it (deploy/gunicorn.conf.py, ``--workers`` sync
  workers) for each side, wrk with ``--connections`` connections on the first page, then on the
  ceiling page (bench/urls.py) for scale, ``--repeat`` times a side: the median run.

SQLite in a temporary directory by default; with DATABASE_URL, that PostgreSQL server (an empty,
throwaway database, whose user may create databases: the copy is made from it as a template).
The results go to the "Search" section of the report, under a heading for the database;
bench/report.py keeps that section when bench/run.py rewrites the rest.
"""

import argparse
import datetime
import json
import math
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
QUERY = "council"
FIRST_PAGE = f"/search/?q={QUERY}"
CEILING = "/bench/ceiling/"
# The first page of SQLite search, under gunicorn + wrk, at least.
TARGET_RATE = 100


# In-process timing, run by a child process inside the copy of the code it measures ------------


def time_in_process(rounds):
    """Print one JSON object: milliseconds of each request, and of its parts for the first
    page; the first page's queries."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles import search

    settings.NEWSROOM_PAGE_CACHE = False
    client = Client(HTTP_HOST="127.0.0.1")
    parts = time_parts(search)

    def get(path):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)

    pages = math.ceil(search.search_articles(QUERY).count() / settings.NEWSROOM_ARTICLES_PER_PAGE)
    measured = {"pages": pages}
    for name, path in (("first", FIRST_PAGE), ("last", f"{FIRST_PAGE}&page={pages}")):
        get(path)  # imports, templates, connections
        wall, cpu = [], []
        for _ in range(rounds):
            parts.clear()
            started, started_cpu = time.perf_counter(), time.process_time()
            get(path)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            if name == "first":
                for part, took in parts.items():
                    measured.setdefault("parts", {}).setdefault(part, []).append(took)
        measured[name] = {"wall": wall, "cpu": cpu}
    with CaptureQueriesContext(connection) as queries:
        get(FIRST_PAGE)
    measured["queries"] = len(queries)
    print(json.dumps(measured))


PARTS = {
    "count": "the count of results",
    "rows": "the page's articles (their query, bylines; the count too, once read with them)",
    "excerpts": "excerpts and highlighted titles",
    "template": "the template",
}


def time_parts(search):
    """``{part: wall milliseconds}`` of the request under way, filled by wrapping what the
    search page calls (the same names before and after the change)."""
    from django.db.models.query import QuerySet
    from django.template.response import SimpleTemplateResponse

    parts = {}

    def timed(part, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                took = (time.perf_counter() - started) * 1000
                parts[part] = parts.get(part, 0) + took

        return wrapper

    add_highlights = timed("excerpts", search.add_highlights)
    if hasattr(search, "ResultPaginator"):  # the page's rows counting the matches
        search.ResultPaginator.page = timed("rows", search.ResultPaginator.page)
        search.add_highlights = add_highlights
    elif hasattr(search, "load_results"):  # the page's rows loaded apart from the excerpts
        search.load_results = timed("rows", search.load_results)
        search.add_highlights = add_highlights
    else:
        rows = timed("rows", list)
        search.add_highlights = lambda articles, text: add_highlights(rows(articles), text)
    QuerySet.count = timed("count", QuerySet.count)
    SimpleTemplateResponse.render = timed("template", SimpleTemplateResponse.render)
    return parts


# The comparison --------------------------------------------------------------------------------


class Side:
    """The code and the database of one side of the comparison."""

    def __init__(self, name, code, env):
        self.name, self.code, self.env = name, code, env
        self.in_process, self.loaded = [], {"search": [], "ceiling": []}
        self.server = None


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", help="git revision before (default: where HEAD leaves main)")
    parser.add_argument("--rounds", type=int, default=30, help="requests a page, in-process")
    parser.add_argument("--repeat", type=int, default=3, help="turns of each measurement")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of wrk before the runs")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--output", default="docs/performance.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    return parser.parse_args(argv)


def git(*args):
    command = ["git", "-C", str(ROOT), *args]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def export(revision, folder):
    """The files of ``revision`` in ``folder``, read from the repository, which is untouched."""
    command = ["git", "-C", str(ROOT), "archive", revision]
    archive = subprocess.Popen(command, stdout=subprocess.PIPE)
    with tarfile.open(fileobj=archive.stdout, mode="r|") as tar:
        tar.extractall(folder, filter="data")
    if archive.wait() != 0:
        raise SystemExit(f"git archive {revision} failed.")


def copy_database(env, temporary):
    """The environment of the after side: a copy of the seeded database, the same media, its
    own static files."""
    from bench import run

    seeded, var = Path(env["NEWSROOM_VAR_DIR"]), temporary / "var-after"
    var.mkdir()
    (var / "media").symlink_to(seeded / "media")
    if not os.environ.get("DATABASE_URL"):
        source, target = (
            sqlite3.connect(seeded / "db.sqlite3"),
            sqlite3.connect(var / "db.sqlite3"),
        )
        source.backup(target)
        source.close(), target.close()
        return run.child_env(var)
    import psycopg

    url = urlsplit(os.environ["DATABASE_URL"])
    name = url.path.lstrip("/")
    with psycopg.connect(_maintenance(url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}_after"')
        connection.execute(f'CREATE DATABASE "{name}_after" TEMPLATE "{name}"')
    return run.child_env(var, DATABASE_URL=urlunsplit(url._replace(path=f"/{name}_after")))


def _maintenance(url):
    return urlunsplit(url._replace(path="/postgres"))


def drop_copy(after):
    if os.environ.get("DATABASE_URL"):
        import psycopg

        url = urlsplit(after.env["DATABASE_URL"])
        with psycopg.connect(_maintenance(url), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{url.path.lstrip("/")}" WITH (FORCE)')


def manage(side, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=side.code, env=side.env, check=True)


def time_pages(side, rounds):
    measured = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--in-process", str(rounds)],
        cwd=side.code,
        env=side.env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return json.loads(measured.stdout.strip().splitlines()[-1])


def start_server(options, side, temporary):
    from bench import run, server

    side.server = server.Server(
        name=side.name,
        workers=options.workers,
        env={**side.env, "NEWSROOM_PAGE_CACHE": "0"},
        log_path=temporary / f"gunicorn-{side.name}.log",
        root=side.code,
    )
    run.check_pages(side.server.base_url, [FIRST_PAGE, CEILING])


def load(options, wrk_path, side, path, seconds):
    from bench import wrk

    result = wrk.run(
        wrk_path,
        side.server.base_url + path,
        seconds=seconds,
        connections=options.connections,
        threads=options.threads,
    )
    side.server.drain()
    return result


def compare(options, before_revision):
    from bench import run, wrk

    wrk_path = wrk.ensure_wrk()
    temporary = Path(tempfile.mkdtemp(prefix="newsroom-search-bench-"))
    after = None
    try:
        (temporary / "before").mkdir()
        export(before_revision, temporary / "before")
        before = Side("before", temporary / "before", run.child_env(temporary / "var"))
        if os.environ.get("DATABASE_URL"):
            print("DATABASE_URL is set: seeding that database (it must be a throwaway one).")
        print(f"Seeding with the code of {before_revision} ...", flush=True)
        facts, seed_seconds = run.seed(before.env, code=before.code)
        print(f"  {facts['search_matches']} matches, in {seed_seconds:.0f} s", flush=True)
        after = Side("after", ROOT, copy_database(before.env, temporary))
        print("Migrating a copy of the database with the working tree's code ...", flush=True)
        started = time.monotonic()
        manage(after, "migrate", "--no-input")
        migrate_seconds = time.monotonic() - started
        manage(after, "collectstatic", "--no-input", "--verbosity", "0")

        sides = (before, after)
        for _turn in range(options.repeat):
            for side in sides:
                rounds = math.ceil(options.rounds / options.repeat)
                print(f"{side.name}, in-process: {rounds} requests a page", flush=True)
                side.in_process.append(time_pages(side, rounds))
        for side in sides:
            start_server(options, side, temporary)
            load(options, wrk_path, side, FIRST_PAGE, options.warmup)
        for _turn in range(options.repeat):
            for side in sides:
                for name, path in (("search", FIRST_PAGE), ("ceiling", CEILING)):
                    result = load(options, wrk_path, side, path, options.duration)
                    side.loaded[name].append(result)
                    print(
                        f"{side.name}, {path}: {result.rate:,.0f} requests/s, "
                        f"p99 {result.p99_ms:.1f} ms, errors {result.errors}",
                        flush=True,
                    )
        return {
            "sides": sides,
            "facts": facts,
            "migrate_seconds": migrate_seconds,
            "wrk": wrk.version(wrk_path),
        }
    finally:
        from bench import server

        server.stop_all()
        if after is not None and not options.keep:
            drop_copy(after)
        if options.keep:
            print(f"Kept {temporary}")
        else:
            shutil.rmtree(temporary, ignore_errors=True)


# The report ------------------------------------------------------------------------------------


def summary(side):
    """The medians of one side's measurements."""
    merged = {
        page: {
            clock: statistics.median(
                value for turn in side.in_process for value in turn[page][clock]
            )
            for clock in ("wall", "cpu")
        }
        for page in ("first", "last")
    }
    loaded = {}
    for name, results in side.loaded.items():
        results = sorted(results, key=lambda result: result.rate)
        loaded[name] = results[len(results) // 2]
    # A part the code of a side no longer has on its own (the count, read with the page's
    # rows) costs nothing apart: 0.
    parts = {
        part: statistics.median(
            [value for turn in side.in_process for value in turn["parts"].get(part, [])] or [0]
        )
        for part in PARTS
    }
    return {
        **merged,
        **loaded,
        "parts": parts,
        "queries": side.in_process[-1]["queries"],
        "pages": side.in_process[-1]["pages"],
        "errors": sum(r.errors for results in side.loaded.values() for r in results),
    }


def subsection(options, measured, argv, before_label, host, versions, output):
    f = measured["facts"]
    b, a = (summary(side) for side in measured["sides"])
    command = " ".join([".venv/bin/python", "bench/search_speed.py", *argv])
    if os.environ.get("DATABASE_URL"):
        command = f"DATABASE_URL=postgres://USER@HOST:PORT/THROWAWAY {command}"
    date = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    rows = [
        (
            "in-process, first page: median ms, wall (CPU)",
            lambda m: f"{m['first']['wall']:.1f} ({m['first']['cpu']:.1f})",
        ),
        *(
            (
                f"… of which {label}: median ms, wall",
                lambda m, part=part: f"{m['parts'][part]:.1f}",
            )
            for part, label in PARTS.items()
        ),
        (
            f"in-process, last page ({b['pages']}): median ms, wall (CPU)",
            lambda m: f"{m['last']['wall']:.1f} ({m['last']['cpu']:.1f})",
        ),
        ("SQL queries, first page", lambda m: str(m["queries"])),
        ("gunicorn + wrk, first page: requests/s", lambda m: f"**{_rate(m['search'])}**"),
        (
            "gunicorn + wrk, first page: p50 / p99 ms",
            lambda m: f"{m['search'].p50_ms:.1f} / {m['search'].p99_ms:.1f}",
        ),
        ("ceiling page, same server: requests/s", lambda m: _rate(m["ceiling"])),
        ("errors (non-2xx answers, socket errors)", lambda m: str(m["errors"])),
    ]
    lines = [
        "### " + ("PostgreSQL" if f["database"].startswith("PostgreSQL") else "SQLite"),
        "",
        f"{f['database']}; measured {date}. Before: {before_label}; after: "
        f"{working_tree_label(output)}. The migration between them took "
        f"{measured['migrate_seconds']:.1f} s. Regenerate with:",
        "",
        "```sh",
        command,
        "```",
        "",
        "| | before | after |",
        "|---|---:|---:|",
        *(f"| {label} | {value(b)} | {value(a)} |" for label, value in rows),
        "",
        f"- In-process: the median of {options.rounds} requests a page and side, in "
        f"{options.repeat} turns. Under load: {options.workers} sync workers, wrk with "
        f"{options.connections} connections and {options.threads} threads, {options.warmup} s "
        f"of warm-up, then the median of {options.repeat} runs of {options.duration} s a side "
        "and page.",
        f"- {host['cpu']}, {host['cores']} cores, {host['kernel']}; Python {versions['python']}, "
        f"Django {f['django']}, gunicorn {versions['gunicorn']}, {measured['wrk']}. Load average "
        f"before the run: {host['load']} (a shared machine: busier, it gives lower and noisier "
        "figures on both sides, as the ceiling row shows).",
    ]
    if lines[0] == "### SQLite":
        rate = a["search"].rate
        verdict = "met" if rate >= TARGET_RATE else f"missed, {rate / TARGET_RATE:.2f} of it"
        lines.append(
            f"- Target: the first page at ≥ {TARGET_RATE} requests/s under gunicorn + wrk: "
            f"**{verdict}**."
        )
    return lines


def _rate(result):
    return f"{result.rate:,.1f}" if result.rate < 10 else f"{result.rate:,.0f}"


def working_tree_label(output):
    branch = git("rev-parse", "--abbrev-ref", "HEAD")
    report = [f":!{output.relative_to(ROOT)}"] if output.is_relative_to(ROOT) else []
    changed = git("status", "--porcelain", "--untracked-files=no", "--", ".", *report)
    dirty = " with uncommitted changes" if changed else ""
    return f"`{branch}` at {git('rev-parse', '--short', 'HEAD')}{dirty}"


INTRO = [
    "## Search",
    "",
    f"`/search/?q={QUERY}` when the page cache cannot help (page cache off): the benchmark's "
    "1,000 published articles of about 1,500 words, all of them matching, 20 a page. "
    "`bench/search_speed.py` compares the code before and after a change in one run: it seeds "
    "a database with the code before, copies it, migrates the copy with the code after, and "
    "measures both sides turn and turn about. In-process figures are requests through "
    "Django's test client, wall clock and the process's CPU time (steadier on a shared "
    "machine); the others come from gunicorn and wrk, as in the tables above.",
    "",
    "SQLite ranks with FTS5's `bm25()` in one pass of the index and joins only the matches "
    "that can be on the page; PostgreSQL ranks a stored, GIN-indexed `tsvector`, body "
    "included, and reads the start of the bodies for the page's rows only "
    "(`articles/search/`). On SQLite a deeper page costs more: the page's last row sets how "
    "many matches are joined, all of them for the last page.",
    "",
    'The rows "of which" tell where the first page\'s time goes. A page of results is one '
    "query that ranks the matches, counts them and reads the page's articles as rows, and one "
    "for their bylines (`articles/search/results.py`; on SQLite the page's SQL is written out "
    "in `sqlite.py`, the same the ORM compiles, which cost more to compile than to run). Each "
    "result's link, section, bylines and date are kept as made, like cards, the query's "
    "highlighted title and excerpt put in for each page; the template's time is mostly the "
    "page around the results. What remains is mostly the ranking: SQLite's `bm25()` and "
    "PostgreSQL's `ts_rank()` score every match. The target of 100 requests/s is SQLite's.",
]


def write_report(output, lines):
    from bench import report

    text = output.read_text() if output.exists() else "# Performance\n"
    existing = "\n".join(report.section(text, "## Search") or [])
    body = list(INTRO)
    for heading in ("### SQLite", "### PostgreSQL"):
        kept = lines if lines[0] == heading else report.section(existing, heading)
        if kept:
            body += ["", *kept]
    output.write_text(report.replace_section(text, "## Search", body))


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--in-process"]:
        # Inside the copy of the code being measured: its packages first.
        sys.path.insert(0, os.getcwd())
        time_in_process(int(argv[1]))
        return
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    sys.dont_write_bytecode = True
    from bench import run

    options = parse_args(argv)
    signal.signal(signal.SIGTERM, run._stop_on_sigterm)  # cleans up as bench/run.py does
    host = run.machine()
    if options.before:
        before, before_label = options.before, f"`{options.before}`"
    else:
        before = git("merge-base", "HEAD", "main")
        before_label = "`main` where this branch starts"
    before_label += f" ({git('rev-parse', '--short', before)})"
    measured = compare(options, before)
    versions = run.versions(shutil.which("wrk"))
    output = Path(options.output)
    output = output if output.is_absolute() else ROOT / output
    lines = subsection(options, measured, argv, before_label, host, versions, output)
    write_report(output, lines)
    print("\n".join(lines))
    print(f"Report: {output}")


if __name__ == "__main__":
    main()
