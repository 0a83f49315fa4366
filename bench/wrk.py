"""Running wrk and reading its report.

wrk is used rather than a Python load generator because a Python client on the same two cores
would be slower than the server it measures. Its ``--latency`` report gives the percentiles;
everything is read from the text it prints, so any wrk 4.x works.
"""

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_PERCENTILE = re.compile(r"^\s*(50|75|90|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$", re.MULTILINE)
_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_TOTAL = re.compile(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m)", re.MULTILINE)
_SOCKET = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", re.MULTILINE
)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_POST_STATUSES = re.compile(r"comment-post-statuses stored=(\d+) refused=(\d+)")


@dataclass
class Result:
    requests: int
    rate: float  # requests per second
    p50_ms: float
    p99_ms: float
    non_2xx_3xx: int
    socket_errors: int
    refused: int | None = None  # comment POSTs not stored (their own count, from the Lua)

    @property
    def errors(self):
        refused = self.refused if self.refused is not None else self.non_2xx_3xx
        return refused + self.socket_errors


def ensure_wrk():
    """The path of wrk; installed with apt-get when missing and this process is root."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing: apt-get install -y wrk", file=sys.stderr)
        installed = subprocess.run(["apt-get", "install", "-y", "wrk"], check=False)
        if installed.returncode != 0:
            subprocess.run(["apt-get", "update"], check=False)
            subprocess.run(["apt-get", "install", "-y", "wrk"], check=False)
        found = shutil.which("wrk")
        if found:
            return found
    raise SystemExit(
        "The benchmark needs wrk (https://github.com/wg/wrk): on Debian or Ubuntu, "
        "`sudo apt-get install wrk`; on macOS, `brew install wrk`."
    )


def version(wrk):
    output = subprocess.run([wrk, "--version"], capture_output=True, text=True, check=False)
    first = (output.stdout or output.stderr).splitlines()[0]
    return first.split(" [")[0].split(" Copyright")[0]


# As browsers say: cached pages then go out compressed, as readers get them.
BROWSER_ENCODINGS = "gzip, deflate, br"


def run(
    wrk,
    url,
    *,
    connections,
    seconds,
    threads=2,
    script=None,
    script_args=(),
    accept_encoding=BROWSER_ENCODINGS,
):
    """One wrk run against ``url``; its parsed result (SystemExit if wrk's output is not a
    report, e.g. the server is down). ``accept_encoding=None``: a client that asks for no
    compression."""
    command = [
        wrk,
        f"--threads={min(threads, connections)}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=10s",
        "--latency",
    ]
    if accept_encoding:
        command.append(f"--header=Accept-Encoding: {accept_encoding}")
    if script:
        command.append(f"--script={script}")
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    return parse(completed.stdout + completed.stderr, command)


def parse(output, command=("wrk",)):
    rate = _RATE.search(output)
    total = _TOTAL.search(output)
    percentiles = {
        match[0]: float(match[1]) * _UNITS[match[2]] for match in _PERCENTILE.findall(output)
    }
    if not (rate and total and "50" in percentiles and "99" in percentiles):
        raise SystemExit(f"wrk gave no report ({' '.join(command)}):\n{output}")
    sockets = _SOCKET.search(output)
    non_2xx = _NON_2XX.search(output)
    posts = _POST_STATUSES.search(output)
    return Result(
        requests=int(total[1]),
        rate=float(rate[1]),
        p50_ms=percentiles["50"],
        p99_ms=percentiles["99"],
        non_2xx_3xx=int(non_2xx[1]) if non_2xx else 0,
        socket_errors=sum(int(n) for n in sockets.groups()) if sockets else 0,
        refused=int(posts[2]) if posts else None,
    )
