"""live/one_core.py: the training thread and the UI thread share one CPU while a run trains, and
both get every CPU back afterwards, whatever happens inside."""

from __future__ import annotations

import os
import threading

import pytest

from srn_tui.live.one_core import allowed_cpus, cpu_of_thread, on_ui_core

linux_pinning = pytest.mark.skipif(
    not hasattr(os, "sched_setaffinity") or len(allowed_cpus()) < 2,
    reason="needs os.sched_setaffinity and at least two CPUs",
)


class UiThread:
    """A stand-in for the UI thread: alive, with a native id, until `stop()`."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        self._ready.wait(5)

    def _run(self) -> None:
        self.native_id = threading.get_native_id()
        self._ready.set()
        self._stop.wait(10)

    def stop(self) -> None:
        self._stop.set()
        self.thread.join(5)


@pytest.fixture
def ui_thread():
    ui = UiThread()
    yield ui
    ui.stop()


def test_cpu_of_thread_reads_a_cpu_the_thread_may_use() -> None:
    cpu = cpu_of_thread(threading.get_native_id())
    if not os.path.exists("/proc/self/task"):
        assert cpu is None
    else:
        assert cpu is not None and (not allowed_cpus() or cpu in allowed_cpus())


def test_cpu_of_an_unknown_thread_is_none() -> None:
    assert cpu_of_thread(2**22 + 12345) is None  # above Linux's largest thread id


@linux_pinning
def test_both_threads_share_one_cpu_inside_and_get_every_cpu_back(ui_thread: UiThread) -> None:
    cpus = allowed_cpus()
    with on_ui_core(ui_thread.native_id, cpus) as cpu:
        assert cpu in cpus
        assert os.sched_getaffinity(0) == {cpu}
        assert os.sched_getaffinity(ui_thread.native_id) == {cpu}
    assert os.sched_getaffinity(0) == set(cpus)
    assert os.sched_getaffinity(ui_thread.native_id) == set(cpus)


@linux_pinning
def test_an_exception_inside_still_gives_the_cpus_back(ui_thread: UiThread) -> None:
    cpus = allowed_cpus()
    with pytest.raises(RuntimeError), on_ui_core(ui_thread.native_id, cpus):
        raise RuntimeError("training failed")
    assert os.sched_getaffinity(0) == set(cpus)
    assert os.sched_getaffinity(ui_thread.native_id) == set(cpus)


@linux_pinning
def test_overlapping_runs_never_leave_the_ui_thread_on_one_cpu(ui_thread: UiThread) -> None:
    """Run B starts while run A is still pinned; A ends first, then B: the UI thread ends free."""
    cpus = allowed_cpus()
    a = on_ui_core(ui_thread.native_id, cpus)
    b = on_ui_core(ui_thread.native_id, cpus)
    a.__enter__()
    b.__enter__()
    a.__exit__(None, None, None)
    b.__exit__(None, None, None)
    assert os.sched_getaffinity(ui_thread.native_id) == set(cpus)
    assert os.sched_getaffinity(0) == set(cpus)


def test_with_one_cpu_or_none_nothing_is_pinned(ui_thread: UiThread) -> None:
    before = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    for cpus in (frozenset(), frozenset({0})):
        with on_ui_core(ui_thread.native_id, cpus) as cpu:
            assert cpu is None
            if before is not None:
                assert os.sched_getaffinity(0) == before


def test_a_thread_that_has_gone_is_no_error() -> None:
    """The UI thread's id is stale (it ended): pinning fails quietly and training goes on."""
    gone = UiThread()
    gone.stop()
    with on_ui_core(gone.native_id, allowed_cpus()) as cpu:
        assert cpu is None or cpu in allowed_cpus()
    if hasattr(os, "sched_getaffinity") and allowed_cpus():
        assert os.sched_getaffinity(0) == set(allowed_cpus())
