"""The page cache's per-request state lives in context variables, each set for a block."""

from contextlib import contextmanager


@contextmanager
def set_for_block(variable, value):
    """``variable`` holds ``value`` inside the block, and what it held before after it."""
    token = variable.set(value)
    try:
        yield value
    finally:
        variable.reset(token)
