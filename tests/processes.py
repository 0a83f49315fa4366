"""The project in child processes, as production runs it: manage.py commands and gunicorn, on a
database of the test's own, never the test database pytest-django gives other tests."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Variables of the test run that must not leak into the child's settings.
NOT_INHERITED = {
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "REDIS_URL",
    "MEDIA_ROOT",
    "NEWSROOM_PRIVATE_ROOT",
    "NEWSROOM_TRUSTED_PROXIES",
    "MEDIA_S3_BUCKET",
    "MEDIA_S3_ORIGINALS_BUCKET",
    "MEDIA_S3_ORIGINALS_PREFIX",
    "NEWSROOM_TASKS",
    "AKISMET_API_KEY",
    "SECRET_KEY",
    "WEB_CONCURRENCY",
    "GUNICORN_CMD_ARGS",
}


def project_env(var_dir, **variables):
    """The environment of a child: local development settings with data under ``var_dir``."""
    env = {name: value for name, value in os.environ.items() if name not in NOT_INHERITED}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        NEWSROOM_DEBUG="1",
        NEWSROOM_VAR_DIR=str(var_dir),
        PYTHONUNBUFFERED="1",
    )
    env.update(variables)
    return env


# Production: DEBUG off, a real secret key and host.
PRODUCTION_ENV = {
    "SECRET_KEY": "a-real-secret-that-is-long-enough-" + "k8Zq" * 12,
    "ALLOWED_HOSTS": "news.example.org",
    "PATH": "/usr/bin:/bin",
}


def run_django(tmp_path, code, **environment):
    """Run ``code`` after django.setup() in a child with production settings (and
    ``environment``), data under ``tmp_path``; what it printed."""
    env = {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "NEWSROOM_VAR_DIR": str(tmp_path),
        **PRODUCTION_ENV,
        **environment,
    }
    script = f"import django; django.setup(); {code}"
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def manage(*args, env, timeout=120, check=True):
    """Run ``manage.py *args``; its completed process (stdout and stderr as text)."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {args[0]} failed:\n{result.stdout}\n{result.stderr}")
    return result


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(*, env, log_path, workers=2, start_timeout=30):
    """gunicorn with deploy/gunicorn.conf.py on 127.0.0.1; yields its base URL. The server and
    its workers are stopped on the way out, whatever happened."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        "deploy/gunicorn.conf.py",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
    ]
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(server, base_url, log_path, start_timeout)
        yield base_url
    finally:
        _stop(server)


def _wait_until_healthy(server, base_url, log_path, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"gunicorn exited early:\n{Path(log_path).read_text()}")
        try:
            with urllib.request.urlopen(base_url + "/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"gunicorn did not answer in {timeout} s:\n{Path(log_path).read_text()}")


def _stop(server):
    """SIGTERM to the server's process group (gunicorn and its workers), SIGKILL to whatever
    of it is left after a grace period."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.wait(timeout=15)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
    server.wait(timeout=5)
