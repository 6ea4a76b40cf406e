"""The errors a source raises: every message names the file it could not read."""

from __future__ import annotations

from collections.abc import Sequence


class SourceError(ValueError):
    """A file that cannot be read as the source it claims to be. The message names the file."""


class LayoutError(SourceError):
    """A header that matches no known layout of the source: `missing` names the required
    columns the closest layout (`closest`) lacks, `extra` the header cells it does not know."""

    def __init__(
        self,
        message: str,
        *,
        closest: str | None = None,
        missing: Sequence[str] = (),
        extra: Sequence[str] = (),
    ) -> None:
        super().__init__(message)
        self.closest = closest
        self.missing = list(missing)
        self.extra = list(extra)
