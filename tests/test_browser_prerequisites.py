"""`make test` without chromium: installed when allowed, else skipped, but never under CI."""

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.browser import prerequisites
from tests.browser.prerequisites import (
    DEBIAN_CHROMIUM,
    Machine,
    debian_packages,
    install_commands,
    prepare,
    skip_reason,
)

READY = Machine(
    chromium=DEBIAN_CHROMIUM,
    has_chromium=True,
    has_java=True,
    has_npm=True,
    has_npm_tools=True,
    has_apt=True,
    is_root=False,
    can_sudo=False,
    ci=False,
)
BARE = replace(READY, has_chromium=False, has_java=False, has_npm=False, has_npm_tools=False)


class Runner:
    """A fake subprocess.run: records the commands, succeeds unless told otherwise."""

    def __init__(self, returncode=0):
        self.commands = []
        self.returncode = returncode

    def __call__(self, command, check):
        self.commands.append(command)
        return SimpleNamespace(returncode=self.returncode)


def run_prepare(machine, returncode=0):
    runner, said = Runner(returncode), []
    status = prepare(machine, run=runner, say=said.append)
    return status, runner.commands, said


def test_a_ready_machine_installs_nothing_and_skips_nothing():
    assert prepare(READY, run=Runner(), say=print) == 0
    assert debian_packages(READY) == []
    assert skip_reason(READY) is None


def test_root_installs_the_missing_packages_with_apt_get():
    status, commands, _ = run_prepare(replace(BARE, is_root=True))

    assert status == 0
    assert commands == [
        ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "update", "-qq"],
        [
            "env",
            "DEBIAN_FRONTEND=noninteractive",
            "apt-get",
            "install",
            "-y",
            "-qq",
            "chromium",
            "default-jre-headless",
            "npm",
        ],
    ]


def test_a_user_who_may_sudo_without_a_password_installs_through_sudo_n():
    status, commands, _ = run_prepare(replace(READY, has_chromium=False, can_sudo=True))

    assert status == 0
    assert [command[:3] for command in commands] == [["sudo", "-n", "env"]] * 2
    assert commands[-1][-1] == "chromium"


def test_only_what_is_missing_is_installed():
    machine = replace(READY, has_java=False, has_npm_tools=False, is_root=True)

    assert debian_packages(machine) == ["default-jre-headless"]  # npm is there: `npm ci` will do


def test_a_user_who_may_not_install_is_told_how_and_installs_nothing():
    status, commands, said = run_prepare(replace(READY, has_chromium=False))

    assert status == 0
    assert commands == []
    assert said == [
        "The browser tests lack chromium (none at /usr/bin/chromium): they will be skipped. "
        "Install: sudo apt-get install chromium"
    ]


def test_what_make_installs_next_with_npm_is_not_reported_missing():
    machine = replace(READY, chromium=Path("/opt/none/chromium"), has_chromium=False)
    machine = replace(machine, has_npm_tools=False)

    said = run_prepare(machine)[2]

    assert said == [
        "The browser tests lack chromium (none at /opt/none/chromium): they will be skipped. "
        "Install: point NEWSROOM_CHROMIUM at a chromium"
    ]


def test_without_apt_get_nothing_is_installed():
    assert install_commands(replace(BARE, is_root=True, has_apt=False), ["chromium"]) is None


def test_a_chromium_of_ones_own_that_is_missing_is_not_replaced_by_debians():
    machine = replace(READY, chromium=Path("/opt/none/chromium"), has_chromium=False, is_root=True)

    assert debian_packages(machine) == []
    assert run_prepare(machine)[1] == []
    assert skip_reason(machine) == (
        "Browser tests skipped: no chromium (none at /opt/none/chromium). "
        "Install: point NEWSROOM_CHROMIUM at a chromium"
    )


def test_the_skip_line_says_what_is_missing_and_the_command_that_installs_it():
    assert skip_reason(BARE) == (
        "Browser tests skipped: no chromium (none at /usr/bin/chromium), Java, "
        "axe-core and vnu-jar (and npm). "
        "Install: sudo apt-get install chromium default-jre-headless npm && make browser-tools"
    )
    assert skip_reason(replace(BARE, is_root=True)).endswith(
        "Install: apt-get install chromium default-jre-headless npm && make browser-tools"
    )


def test_under_ci_nothing_is_skipped_and_a_tool_that_cannot_be_installed_fails_make():
    machine = replace(BARE, ci=True)

    assert skip_reason(machine) is None
    status, commands, said = run_prepare(machine)
    assert status == 1
    assert commands == []
    assert said[0].startswith("CI=true and the browser tests lack chromium")


def test_a_failed_installation_fails_make_only_under_ci():
    assert run_prepare(replace(BARE, is_root=True), returncode=100)[0] == 0
    assert run_prepare(replace(BARE, is_root=True, ci=True), returncode=100)[0] == 1


@pytest.mark.parametrize(
    ("environ", "expected"),
    [({}, False), ({"CI": "true"}, True), ({"CI": "1"}, True), ({"CI": "false"}, False)],
)
def test_ci_is_read_from_the_environment(environ, expected):
    assert prerequisites.is_ci(environ) is expected


def test_newsroom_chromium_names_the_browser():
    assert prerequisites.chromium_path({}) == DEBIAN_CHROMIUM
    assert prerequisites.chromium_path({"NEWSROOM_CHROMIUM": "/x/chrome"}) == Path("/x/chrome")


def test_this_machine_is_looked_at_without_changing_it(monkeypatch):
    monkeypatch.setenv("NEWSROOM_CHROMIUM", "/nowhere/chromium")
    monkeypatch.setenv("CI", "true")

    machine = prerequisites.look()

    assert machine.chromium == Path("/nowhere/chromium")
    assert machine.has_chromium is False
    assert machine.ci is True
