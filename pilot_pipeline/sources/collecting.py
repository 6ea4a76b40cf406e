"""A list that code deep inside a parse appends to while an outer block runs, so what parsers
notice (headers matched, cells refused) reaches the caller without threading it through them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def collecting(var: ContextVar[list[T] | None]) -> Iterator[list[T]]:
    """Make a fresh list the value of `var` while the block runs; restore the previous after."""
    items: list[T] = []
    token = var.set(items)
    try:
        yield items
    finally:
        var.reset(token)
