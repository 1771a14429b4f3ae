"""A batch shared with a forked child process gives what the plain loop gives, whatever happens."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbench.util import forked

pytestmark = [
    pytest.mark.skipif(
        not hasattr(os, "fork") or forked._processors() < 2, reason="needs fork and two processors"
    ),
    pytest.mark.usefixtures("no_child_left_behind"),
]

ITEMS = list(range(12))
WEIGHTS = [1 + (i % 5) for i in ITEMS]


def _children() -> set[int] | None:
    """Return the pids of this process's children, live or not reaped (None: cannot tell)."""
    tasks = Path("/proc/self/task")
    if not tasks.is_dir():
        return None
    found: set[int] = set()
    for task in tasks.iterdir():
        try:
            found.update(int(pid) for pid in (task / "children").read_text().split())
        except OSError:
            return None
    return found


@pytest.fixture
def no_child_left_behind():
    """Other tests' servers may be children too: only those this test made must be gone."""
    before = _children()
    yield
    after = _children()
    if before is not None and after is not None:
        assert after <= before


def test_a_large_batch_is_shared_and_comes_back_in_order():
    parent = os.getpid()
    results = forked.shared(lambda i: (i * i, os.getpid()), ITEMS, WEIGHTS, least=1)
    assert [square for square, _pid in results] == [i * i for i in ITEMS]
    workers = {pid for _square, pid in results}
    assert parent in workers and len(workers) == 2  # the child did its share


def test_a_small_batch_is_done_here():
    parent = os.getpid()
    results = forked.shared(lambda i: os.getpid(), ITEMS, WEIGHTS, least=sum(WEIGHTS) + 1)
    assert results == [parent] * len(ITEMS)


def test_the_shares_are_of_about_equal_weight():
    weights = [9, 1, 1, 1, 8, 2, 2, 3, 5]
    mine, theirs = forked._halves(weights)
    assert sorted(mine + theirs) == list(range(len(weights)))
    assert abs(sum(weights[i] for i in mine) - sum(weights[i] for i in theirs)) <= 1


@pytest.mark.parametrize("broken", [(3, 8), (5, 10)])
def test_the_first_failing_item_in_order_raises_as_in_a_plain_loop(broken):
    mine, theirs = forked._halves(WEIGHTS)
    # One broken item in each share; in the second case the child's comes first.
    assert {broken[0] in mine, broken[1] in mine} == {True, False}

    def work(i: int) -> int:
        if i in broken:
            raise ValueError(f"item {i} is broken")
        return i

    with pytest.raises(ValueError, match=f"item {broken[0]} is broken"):
        forked.shared(work, ITEMS, WEIGHTS, least=1)


def test_a_child_that_dies_costs_time_not_results():
    parent = os.getpid()

    def work(i: int) -> tuple[int, int]:
        if os.getpid() != parent:
            os._exit(3)  # a crash in the child, before it sends anything
        return (i, os.getpid())

    results = forked.shared(work, ITEMS, WEIGHTS, least=1)
    assert results == [(i, parent) for i in ITEMS]


def test_a_result_the_child_cannot_send_is_made_here():
    parent = os.getpid()

    def work(i: int):
        made_by = os.getpid()
        return (i, made_by, lambda: i)  # a lambda does not pickle

    results = forked.shared(work, ITEMS, WEIGHTS, least=1)
    assert [(i, pid) for i, pid, _f in results] == [(i, parent) for i in ITEMS]
    assert [f() for _i, _pid, f in results] == ITEMS


def test_an_interrupt_here_ends_the_child_too():
    parent = os.getpid()

    def work(i: int) -> int:
        if os.getpid() == parent:
            raise KeyboardInterrupt
        return i

    with pytest.raises(KeyboardInterrupt):
        forked.shared(work, ITEMS, WEIGHTS, least=1)
