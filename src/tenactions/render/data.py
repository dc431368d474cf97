"""What the renderers of :mod:`tenactions.render.registry` are given: the data of the
commands that have no record of their own (a report is a :class:`~tenactions.progress.Report`),
and the layout options every renderer accepts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tenactions.model import Action, Programme, StoredEntry


@dataclass(frozen=True)
class Options:
    """How a format is laid out; each renderer reads what applies to it."""

    width: int = 100
    """cells per line, for tables and wrapped text"""
    color: bool = False
    """ANSI styles, for a terminal"""


@dataclass(frozen=True)
class TargetList:
    """What ``targets`` shows: some of the programme's actions, with their targets."""

    programme: Programme
    actions: tuple[Action, ...]


@dataclass
class EntryRows:
    """What ``entries`` and ``export`` show: entries from the ledger, read as they are shown.

    ``shown`` counts the entries a renderer has taken so far, so that a command can say how
    many it wrote without reading the ledger twice or holding it in memory.
    """

    programme: Programme
    rows: Iterable[StoredEntry]
    shown: int = field(default=0, init=False)

    def __iter__(self) -> Iterator[StoredEntry]:
        for entry in self.rows:
            self.shown += 1
            yield entry
