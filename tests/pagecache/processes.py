"""App processes of one machine, as their page caches see them (tests of pagecache/machine.py)."""

from pagecache.machine import MachineCache


def process(name, **options):
    """One app process's cache: its own memory, the machine's files."""
    return MachineCache(
        f"machine-test-{name}",
        {"OPTIONS": {"FILES": "machine-test", "MAX_ENTRIES": 100, **options}},
    )
