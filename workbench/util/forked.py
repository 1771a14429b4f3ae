"""A long batch shared with a forked child process: the second processor of a laptop.

:func:`shared` returns what a plain loop over the items would, ``[work(x) for
x in items]``. Where the work is large and the machine has two processors, a
child process made by ``fork`` (it has everything the parent has loaded)
works through about half of the items, by weight, while the parent works
through the rest; the child's results come back pickled through a pipe.

Whatever goes wrong in the child costs time only. An item that fails there
ends its share, and a child that crashes or sends what cannot be read sends
nothing; the parent then works those items itself, in order. So an item's
error is raised in the parent, and the first failing item in order raises,
as it would in the plain loop.

Only a process with one thread may fork safely: the command line may ask for
this, a server's request must not.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def shared(
    work: Callable[[Item], Result], items: Sequence[Item], weights: Sequence[int], least: int
) -> list[Result]:
    """Return ``[work(x) for x in items]``, a child process doing part when it pays.

    It pays when *weights* (of the items, in any unit) add up to *least* or
    more, the platform can fork and there are two processors or more.
    """
    if len(items) < 2 or sum(weights) < least or not hasattr(os, "fork") or _processors() < 2:
        return [work(item) for item in items]
    mine, theirs = _halves(weights)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        _child(work, items, theirs, read_end, write_end)
    os.close(write_end)
    done: dict[int, Result] = {}
    reaped = False
    try:
        for index in mine:
            try:
                done[index] = work(items[index])
            except Exception:
                break  # raised again below, in its turn
        source = open(read_end, "rb")
        read_end = -1
        with source:
            try:
                received = pickle.load(source)
            except Exception:
                received = {}
        os.waitpid(pid, 0)
        reaped = True
        if isinstance(received, dict):
            done.update(received)
    finally:
        if read_end != -1:
            os.close(read_end)
        if not reaped:
            # Start-up time: signal is wanted only here, on the way out.
            import signal

            # Interrupted (Ctrl-C) or failed here: the child's work is not wanted.
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    return [done[index] if index in done else work(items[index]) for index in range(len(items))]


def _processors() -> int:
    """Return how many processors this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _halves(weights: Sequence[int]) -> tuple[list[int], list[int]]:
    """Return the indexes of two shares of about equal weight, heaviest items dealt first."""
    mine: list[int] = []
    theirs: list[int] = []
    load = [0, 0]
    for index in sorted(range(len(weights)), key=lambda i: -weights[i]):
        side = 0 if load[0] <= load[1] else 1
        (mine if side == 0 else theirs).append(index)
        load[side] += weights[index]
    return sorted(mine), sorted(theirs)


def _child(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    share: list[int],
    read_end: int,
    write_end: int,
) -> None:
    """Work through *share* and send the results; never returns into the parent's code."""
    status = 1
    try:
        os.close(read_end)
        results: dict[int, Result] = {}
        for index in share:
            try:
                results[index] = work(items[index])
            except Exception:
                break  # the parent works this one and the rest
        with open(write_end, "wb") as sink:
            pickle.dump(results, sink, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        # No cleanup of the parent's: no atexit, no flush of its buffered output.
        os._exit(status)
