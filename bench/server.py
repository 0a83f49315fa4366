"""gunicorn as production runs it (deploy/gunicorn.conf.py), on 127.0.0.1, one at a time.

Servers are started in a session of their own, so that stopping one stops its workers too;
``stop_all()`` is called on the way out of ``bench/run.py`` whatever happened, Ctrl-C included.
"""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
START_TIMEOUT = 60

_running = []


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """``root``: the copy of the project to serve (another revision's, for a comparison)."""

    def __init__(self, *, name, workers, env, log_path, options=(), root=ROOT):
        self.name = name
        self.workers = workers
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(log_path)
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            str(Path(root) / CONFIG.relative_to(ROOT)),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            *options,
        ]
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                command,
                cwd=root,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        _running.append(self)
        self._wait_until_healthy()

    def _wait_until_healthy(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn ({self.name}) exited early:\n{self.log_tail()}")
            with contextlib.suppress(OSError):
                status, _headers, _body = get(self.base_url, "/healthz")
                if status == 200 and len(self.worker_pids()) == self.workers:
                    return
            time.sleep(0.2)
        raise SystemExit(
            f"gunicorn ({self.name}) did not answer in {START_TIMEOUT} s:\n{self.log_tail()}"
        )

    def drain(self, timeout=120):
        """Wait for the requests a finished wrk left queued: wrk closes its connections, but
        gunicorn still answers every request it had received, and the next measurement would
        wait behind them. A health check per worker, sent now, is answered after them."""
        pool = ThreadPoolExecutor(max_workers=self.workers)
        try:
            checks = [
                pool.submit(get, self.base_url, "/healthz", timeout=timeout)
                for _ in range(self.workers)
            ]
            for check in checks:
                check.result()
        finally:
            # Interrupted (Ctrl-C), stopping the server must not wait for the checks.
            pool.shutdown(wait=False, cancel_futures=True)

    def log_tail(self, lines=40):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def worker_pids(self):
        """The master's children: its workers."""
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name, in parentheses, may hold spaces: the fields follow the last ")".
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == self.process.pid:
                pids.append(int(entry.name))
        return sorted(pids)

    def worker_memory(self):
        """``[(pid, RSS in kB, peak RSS in kB)]`` of each worker, from /proc/<pid>/status."""
        memory = []
        for pid in self.worker_pids():
            fields = {}
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    name, _, value = line.partition(":")
                    fields[name] = value.split()[0] if value.split() else "0"
            if "VmRSS" in fields:
                memory.append((pid, int(fields["VmRSS"]), int(fields.get("VmHWM", 0))))
        return memory

    def workers_booted(self):
        """Workers started so far, the first ones included (gunicorn recycles them after
        ``max_requests``)."""
        try:
            return self.log_path.read_text(errors="replace").count("Booting worker with pid")
        except OSError:
            return 0

    def stop(self):
        """SIGTERM to the server's process group, SIGKILL to whatever is left after a while."""
        if self in _running:
            _running.remove(self)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=15)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)


def stop_all():
    for server in list(_running):
        server.stop()


def request(base_url, method, path, *, body=None, headers=None, timeout=30):
    """One request, redirects not followed: (status, headers as a list, body bytes)."""
    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def get(base_url, path, **kwargs):
    return request(base_url, "GET", path, **kwargs)
