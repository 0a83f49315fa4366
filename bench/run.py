"""Benchmark the site under gunicorn and write docs/performance.md.

    .venv/bin/python bench/run.py [--duration 10] [--warmup 3] [--workers 2 4]
                                  [--connections 16 8] [--threads 2] [--max-requests N]
                                  [--output docs/performance.md] [--keep]

A full run takes about 9 minutes on two cores. ``--max-requests 0`` keeps gunicorn from
recycling its workers, to see what the pages cost apart from the workers' restarts.

Everything the run makes lives in a temporary directory (``NEWSROOM_VAR_DIR``: the SQLite
database, media, collected static files, server logs), deleted at the end unless ``--keep``;
the only file written elsewhere is the report. With ``DATABASE_URL`` set, the data goes to that
database instead: give it an empty, throwaway one.

Steps: seed (``bench/seed.py``), then for each worker count start gunicorn with the page cache
on, measure with wrk, weigh the article page in chromium (first worker count only), stop it;
start a second gunicorn with ``NEWSROOM_PAGE_CACHE=0``, measure, stop it. One server at a time:
they would share the same cores.
"""

import argparse
import datetime
import html.parser
import importlib.metadata
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
# Run as a script from the repository, the package ``bench`` is not importable otherwise; and
# the run leaves nothing behind in the repository but the report, not even bytecode.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.dont_write_bytecode = True

from bench import live, render_times, report, server, weight, wrk  # noqa: E402
from bench.environment import child_env, seed  # noqa: E402

CACHED, UNCACHED = "page cache on", "page cache off"
CEILING_PATH = "/bench/ceiling/"
POST_SCRIPT = ROOT / "bench" / "comment_post.lua"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--warmup", type=int, default=3, help="seconds before each measurement")
    parser.add_argument("--workers", type=int, nargs="+", default=[2, 4])
    parser.add_argument("--connections", type=int, nargs="+", default=[16, 8])
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument(
        "--max-requests",
        type=int,
        help="gunicorn's max_requests (default: deploy/gunicorn.conf.py's; 0: never recycle)",
    )
    parser.add_argument(
        "--live-rates",
        type=float,
        nargs="+",
        default=[1, 5],
        help="comments approved per second in the live story's busy runs",
    )
    parser.add_argument("--output", default="docs/performance.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    return parser.parse_args(argv)


def time_renders(env, article_url):
    """Milliseconds to render the article in-process, cold, with fragments, and cached."""
    print("Timing the article page in-process ...", flush=True)
    measured = subprocess.run(
        [sys.executable, "-m", "bench.render_times", article_url],
        cwd=ROOT,
        env={**env, "NEWSROOM_PAGE_STAMP": env["NEWSROOM_VAR_DIR"] + "/render-times.stamp"},
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if measured.returncode != 0:
        raise SystemExit("Timing the article page failed (see above).")
    times = json.loads(measured.stdout.strip().splitlines()[-1])
    print(f"  {times}", flush=True)
    return {**times, "rounds": render_times.ROUNDS}


# The comment form ------------------------------------------------------------------------------


class CommentFormParser(html.parser.HTMLParser):
    """The action and hidden fields of the page's comment form."""

    def __init__(self):
        super().__init__()
        self.action = None
        self.fields = {}
        self._inside = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "comment-form" in (attrs.get("class") or "").split():
            self.action, self._inside = attrs.get("action"), True
        elif tag == "input" and self._inside and attrs.get("type") == "hidden":
            self.fields[attrs.get("name")] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False


def comment_post(base_url, article_url):
    """(path, fixed form fields URL-encoded, Cookie header) to post comments the way the
    article page's form does, CSRF token and cookie included when the page has them."""
    status, headers, body = server.get(base_url, article_url)
    if status != 200:
        raise SystemExit(f"{article_url} answered {status}, not 200.")
    form = CommentFormParser()
    form.feed(body.decode())
    if not form.action or "rendered" not in form.fields:
        raise SystemExit(f"No comment form with a 'rendered' field on {article_url}.")
    fields = {
        "author_name": "Bench reader",
        "author_url": "",
        "parent": "",
        "homepage": "",
        "rendered": form.fields["rendered"],
    }
    cookie = ""
    if "csrfmiddlewaretoken" in form.fields:
        fields["csrfmiddlewaretoken"] = form.fields["csrfmiddlewaretoken"]
        cookies = [value.split(";")[0] for name, value in headers if name.lower() == "set-cookie"]
        cookie = "; ".join(c for c in cookies if c.startswith("csrftoken="))
        if not cookie:
            raise SystemExit("The comment form has a CSRF token but no csrftoken cookie came.")
    return form.action.split("#")[0], urlencode(fields), cookie


def check_post(base_url, path, form, cookie):
    """One comment posted as the Lua script posts them: it must be stored (302 or 303)."""
    origin = base_url
    word = secrets.token_hex(4)
    body = form + f"&author_email=bench-{word}%40example.org&body=A+check+before+measuring+{word}."
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": origin,
        **({"Cookie": cookie} if cookie else {}),
    }
    status, _headers, page = server.request(base_url, "POST", path, body=body, headers=headers)
    if status not in (302, 303):
        raise SystemExit(
            f"A comment POST to {path} answered {status}, not a redirect:\n"
            f"{page.decode(errors='replace')[:2000]}"
        )


def check_pages(base_url, paths):
    for path in paths:
        status, _headers, _body = server.get(base_url, path)
        if status != 200:
            raise SystemExit(f"{base_url}{path} answered {status}, not 200: nothing measured.")


# Measuring -------------------------------------------------------------------------------------


def measure(options, wrk_path, site, path, connections, *, post=None):
    """Warm up, drain, measure, drain. ``post``: (form fields, Cookie header) to send comments
    with bench/comment_post.lua, each wrk run with a word of its own so no text repeats."""
    label = f"{path} at {connections} connections"
    print(f"  {label}: warm-up {options.warmup} s, then {options.duration} s", flush=True)
    url = site.base_url + path

    def run(seconds):
        script = {}
        if post:
            form, cookie = post
            word = secrets.token_hex(4)
            script = {
                "script": str(POST_SCRIPT),
                "script_args": [path, site.base_url, form, word, cookie],
            }
        result = wrk.run(
            wrk_path,
            url,
            seconds=seconds,
            connections=connections,
            threads=options.threads,
            **script,
        )
        site.drain()
        return result

    run(options.warmup)
    result = run(options.duration)
    print(
        f"    {result.rate:,.0f} requests/s, p50 {result.p50_ms:.1f} ms, "
        f"p99 {result.p99_ms:.1f} ms, errors {result.errors}",
        flush=True,
    )
    return result


def run_cached(options, wrk_path, site, facts, workers, rows):
    """Ceiling, home, article and comment POST on the server with the page cache on."""
    article = facts["article_url"]
    check_pages(site.base_url, [CEILING_PATH, "/", article])
    path, form, cookie = comment_post(site.base_url, article)
    check_post(site.base_url, path, form, cookie)
    for connections in options.connections:
        measured = [
            ("ceiling", CEILING_PATH),
            ("home cached", "/"),
            ("article cached", article),
        ]
        for name, url in measured:
            result = measure(options, wrk_path, site, url, connections)
            rows.setdefault((workers, connections), []).append(
                report.Row(name, CACHED, url, result)
            )
        result = measure(options, wrk_path, site, path, connections, post=(form, cookie))
        rows[(workers, connections)].append(report.Row("comment POST", CACHED, path, result))


def run_uncached(options, wrk_path, site, facts, workers, rows):
    """The ceiling, the article and search with the page cache off."""
    search = f"/search/?q={facts['search_query']}"
    measured = [
        ("ceiling, page cache off", CEILING_PATH),
        ("article uncached", facts["article_url"]),
        ("search", search),
    ]
    check_pages(site.base_url, [url for _name, url in measured])
    for connections in options.connections:
        for name, url in measured:
            result = measure(options, wrk_path, site, url, connections)
            rows.setdefault((workers, connections), []).append(
                report.Row(name, UNCACHED, url, result)
            )


def measure_weights(base_url, article_url):
    status, _headers, body = server.get(base_url, article_url)
    if status != 200:
        raise SystemExit(f"{article_url} answered {status}, not 200.")
    weights = {
        "html": len(body),
        "html_gzip": weight.gzipped_size(body),
        "viewport": f"{weight.VIEWPORT['width']} × {weight.VIEWPORT['height']}",
        "scale": weight.DEVICE_SCALE_FACTOR,
    }
    missing = weight.available()
    if missing:
        print(f"  page weight in a browser skipped: {missing}", flush=True)
        return {**weights, "skipped": missing}
    print("  page weight: chromium on a 375 px phone", flush=True)
    weights["load"], weights["scrolled"] = weight.measure(base_url, article_url)
    return weights


ROW_ORDER = [
    "ceiling",
    "ceiling, page cache off",
    "home cached",
    "article cached",
    "article uncached",
    "search",
    "comment POST",
]


# The machine -----------------------------------------------------------------------------------


def machine():
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    ram_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            ram_kb = int(line.split()[1])
    cores = (getattr(os, "process_cpu_count", None) or os.cpu_count)()
    return {
        "load": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
        "cpu": cpu,
        "cores": cores,
        "ram_gb": ram_kb / 1024 / 1024,
        "kernel": f"Linux {platform.release()}",
    }


def versions(wrk_path):
    return {
        "python": platform.python_version(),
        "gunicorn": importlib.metadata.version("gunicorn"),
        "wrk": wrk.version(wrk_path),
    }


def _duration(seconds):
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"


def _command(argv):
    python = Path(sys.executable)
    with_venv = ".venv/bin/python" if (ROOT / ".venv") in python.parents else "python"
    return " ".join([with_venv, "bench/run.py", *argv])


def _stop_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)


def run_servers(options, wrk_path, var_dir, temporary, facts):
    """For each worker count, the server with the page cache on, then the one with it off;
    (rows, memory, workers booted, page weights, notes)."""
    gunicorn_options = []
    if options.max_requests is not None:
        gunicorn_options = ["--max-requests", str(options.max_requests)]
        gunicorn_options += ["--max-requests-jitter", "0"]
    rows, memory, booted, weights, notes = {}, {}, {}, None, []
    for workers in options.workers:
        for name, variables in ((CACHED, {}), (UNCACHED, {"NEWSROOM_PAGE_CACHE": "0"})):
            print(f"gunicorn, {workers} workers, {name}", flush=True)
            site = server.Server(
                name=f"{workers} workers, {name}",
                workers=workers,
                env=child_env(var_dir, **variables),
                log_path=temporary / f"gunicorn-{workers}-{name.replace(' ', '-')}.log",
                options=gunicorn_options,
            )
            try:
                if name == CACHED:
                    run_cached(options, wrk_path, site, facts, workers, rows)
                    if weights is None:
                        weights = measure_weights(site.base_url, facts["article_url"])
                        notes += cache_notes(site.base_url, facts)
                else:
                    run_uncached(options, wrk_path, site, facts, workers, rows)
                memory[(workers, name)] = site.worker_memory()
                booted[(workers, name)] = site.workers_booted()
            finally:
                site.stop()
    for key in rows:
        rows[key].sort(key=lambda row: ROW_ORDER.index(row.name))
    return rows, memory, booted, weights, notes


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    options = parse_args(argv)
    started = time.monotonic()
    host = machine()
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    wrk_path = wrk.ensure_wrk()
    output = Path(options.output)
    output = output if output.is_absolute() else ROOT / output
    temporary = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    try:
        var_dir = temporary / "var"
        env = child_env(var_dir)
        if os.environ.get("DATABASE_URL"):
            print("DATABASE_URL is set: seeding that database (it must be a throwaway one).")
        print(f"Seeding into {var_dir} ...", flush=True)
        facts, seed_seconds = seed(env)
        print(
            f"  done in {seed_seconds:.0f} s: {facts['published_articles']} articles, "
            f"{facts['article_comments']} comments on {facts['article_url']}",
            flush=True,
        )

        render = time_renders(env, facts["article_url"])
        measured = run_servers(options, wrk_path, var_dir, temporary, facts)
        rows, memory, booted, weights, notes = measured
        live_run = live.run_live(
            argparse.Namespace(
                duration=options.duration,
                warmup=options.warmup,
                threads=options.threads,
                connections=live.CONNECTIONS,
                workers=live.WORKERS,
                rates=options.live_rates,
            ),
            wrk_path,
            temporary,
        )
        notes = [
            f"The article page rendered in-process (`bench/render_times.py`, median of "
            f"{render['rounds']}, CPU time): {render['cold_ms']} ms with every cache empty "
            f"(the 500 comments rendered), {render['fragments_ms']} ms with its comment threads "
            f"kept, {render['after_approval_ms']} ms right after one more comment was approved "
            f"(its threads made again by the approval, from the comments kept one by one), "
            f"{render['cached_ms']} ms from the page cache.",
            *notes,
        ]
        run = report.Run(
            live=live_run,
            render=render,
            rows=rows,
            memory=memory,
            booted=booted,
            weights=weights,
            facts=facts,
            machine=host,
            versions=versions(wrk_path),
            settings={
                "duration": options.duration,
                "warmup": options.warmup,
                "threads": options.threads,
                "max_requests": options.max_requests,
                "command": _command(argv),
                "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
                "took": _duration(time.monotonic() - started),
                "seed_took": _duration(seed_seconds),
                "notes": notes,
            },
        )
        output.parent.mkdir(parents=True, exist_ok=True)
        previous = output.read_text() if output.exists() else ""
        output.write_text(report.keep_sections(report.render(run), previous))
        print(f"Report: {output} (the run took {_duration(time.monotonic() - started)})")
    finally:
        server.stop_all()
        if options.keep:
            print(f"Kept {temporary}")
        else:
            shutil.rmtree(temporary, ignore_errors=True)


def cache_notes(base_url, facts):
    """What the page cache could do with the measured pages (a page that sets a cookie is one
    reader's own, and is never stored), and how the comment form is protected."""
    notes = []
    for label, path in (("home page", "/"), ("article page", facts["article_url"])):
        _status, headers, body = server.get(base_url, path)
        names = {name.lower(): value for name, value in headers}
        if "set-cookie" in names:
            cookie = names["set-cookie"].split("=")[0]
            notes.append(
                f"The {label} sets a cookie ({cookie}) for every reader, so the page cache "
                "cannot store it: its “cached” row measures a page made for each request."
            )
        notes.append(
            f"The {label}'s Cache-Control, page cache on: "
            f"`{names.get('cache-control', '(none)')}`."
        )
    form = CommentFormParser()
    form.feed(body.decode())
    if "csrfmiddlewaretoken" in form.fields:
        notes.append("Comment POSTs carry the page's CSRF token and cookie, and an Origin.")
    else:
        notes.append("The comment form has no CSRF token: POSTs carry an Origin header only.")
    return notes


if __name__ == "__main__":
    main()
