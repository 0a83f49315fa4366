"""What the browser tests need from the machine, and what to do when some of it is missing.

They need chromium (Debian's, at ``/usr/bin/chromium``, or the one ``NEWSROOM_CHROMIUM`` names),
Java for the Nu HTML Checker, and npm's axe-core and vnu-jar (``make browser-tools``, which needs
npm). ``make test`` runs this module first (``python -m tests.browser.prerequisites``): it
installs the missing Debian packages when it may (as root, or through ``sudo -n``). Whatever is
still missing then skips every browser test, with one line in the summary saying what and how
to install it (see conftest.py), except under ``CI=true``, where nothing is skipped and a missing
tool fails the run.

The decisions are pure functions of a ``Machine``, so that tests can ask them about machines
this one is not.
"""

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class Machine:
    """What was found on the machine: the only input of the decisions below."""

    chromium: Path
    has_chromium: bool
    has_java: bool
    has_npm: bool
    has_npm_tools: bool  # axe-core and vnu-jar in node_modules
    has_apt: bool
    is_root: bool
    can_sudo: bool  # sudo without a password (sudo -n)
    ci: bool


def chromium_path(environ=os.environ):
    return Path(environ.get("NEWSROOM_CHROMIUM") or DEBIAN_CHROMIUM)


def is_ci(environ=os.environ):
    return environ.get("CI", "").lower() in ("true", "1", "yes")


def look(environ=os.environ):
    """This machine, as it is now."""
    chromium = chromium_path(environ)
    is_root = os.geteuid() == 0
    return Machine(
        chromium=chromium,
        has_chromium=chromium.exists(),
        has_java=shutil.which("java") is not None,
        has_npm=shutil.which("npm") is not None,
        has_npm_tools=AXE_JS.exists() and VNU_JAR.exists(),
        has_apt=shutil.which("apt-get") is not None,
        is_root=is_root,
        can_sudo=not is_root and _sudo_without_password(),
        ci=is_ci(environ),
    )


def _sudo_without_password():
    sudo = shutil.which("sudo")
    if sudo is None:
        return False
    return subprocess.run([sudo, "-n", "true"], capture_output=True, check=False).returncode == 0


def missing(machine):
    """What the browser tests lack, in words."""
    lacking = []
    if not machine.has_chromium:
        lacking.append(f"chromium (none at {machine.chromium})")
    if not machine.has_java:
        lacking.append("Java")
    if not machine.has_npm_tools:
        lacking.append("axe-core and vnu-jar" + ("" if machine.has_npm else " (and npm)"))
    return lacking


def debian_packages(machine):
    """The Debian packages that would provide what is missing.

    Debian's chromium lands at /usr/bin/chromium: it is no help when NEWSROOM_CHROMIUM names
    another path, which is the way to run the browser tests with a chromium of one's own.
    """
    packages = []
    if not machine.has_chromium and machine.chromium == DEBIAN_CHROMIUM:
        packages.append("chromium")
    if not machine.has_java:
        packages.append("default-jre-headless")
    if not machine.has_npm_tools and not machine.has_npm:
        packages.append("npm")
    return packages


def install_commands(machine, packages):
    """The commands that install ``packages`` on this machine unattended, or None if it cannot."""
    if not packages or not machine.has_apt:
        return None
    if machine.is_root:
        prefix = []
    elif machine.can_sudo:
        prefix = ["sudo", "-n"]
    else:
        return None
    apt = [*prefix, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]
    return [[*apt, "update", "-qq"], [*apt, "install", "-y", "-qq", *packages]]


def how_to_install(machine):
    """The command a person types to get what is missing (as one line)."""
    steps = []
    packages = debian_packages(machine)
    if packages:
        sudo = "" if machine.is_root else "sudo "
        steps.append(f"{sudo}apt-get install {' '.join(packages)}")
    if not machine.has_chromium and machine.chromium != DEBIAN_CHROMIUM:
        steps.append("point NEWSROOM_CHROMIUM at a chromium")
    if not machine.has_npm_tools:
        steps.append("make browser-tools")
    return " && ".join(steps)


def skip_reason(machine):
    """Why the browser tests are skipped on ``machine``, or None when they run.

    They run when nothing is missing, and under CI whatever is missing: there, a missing tool
    fails the tests that need it.
    """
    lacking = missing(machine)
    if not lacking or machine.ci:
        return None
    return f"Browser tests skipped: no {', '.join(lacking)}. Install: {how_to_install(machine)}"


def prepare(machine, run=subprocess.run, say=print):
    """Install what is missing when the machine allows it; return the exit status for make.

    Not being able to install is no error (the browser tests will be skipped), except under CI.
    """
    packages = debian_packages(machine)
    commands = install_commands(machine, packages)
    if commands:
        say(f"The browser tests need {', '.join(packages)}: installing them from Debian.")
        for command in commands:
            if run(command, check=False).returncode != 0:
                say(f"Could not install {', '.join(packages)} ({' '.join(command)} failed).")
                return 1 if machine.ci else 0
        return 0
    if packages or (not machine.has_chromium and machine.chromium != DEBIAN_CHROMIUM):
        # With npm there, make runs `npm ci` next: only the rest is for the reader to install.
        after_make = replace(machine, has_npm_tools=machine.has_npm_tools or machine.has_npm)
        lacking, how = ", ".join(missing(after_make)), how_to_install(after_make)
        if machine.ci:
            say(f"CI=true and the browser tests lack {lacking}. Install: {how}")
            return 1
        say(f"The browser tests lack {lacking}: they will be skipped. Install: {how}")
    return 0


if __name__ == "__main__":
    sys.exit(prepare(look()))
