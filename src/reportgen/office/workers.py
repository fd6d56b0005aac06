"""Worker processes sharing a list of tasks (``reportgen --jobs N``).

:func:`run_workers` spawns ``count`` processes (spawned, not forked: the same on every system,
and no lock or LibreOffice pipe of the parent is inherited), each running ``target(wid, tasks,
results, *args)``, which calls :func:`serve`. Tasks are taken one at a time from a shared
queue, so a fast worker takes more. Each worker reports ``("start", wid, index)`` and
``("done", wid, (index, result))`` for every task and ``("exit", wid, value)`` when it ends;
the parent hands them to ``take`` as they come. A worker that dies without saying so (killed,
out of memory) is reported to ``died``; the others go on with the remaining tasks.

Ctrl+C reaches every process of the terminal's process group: workers ignore it and the parent
stops them with SIGTERM, which each turns into :class:`KeyboardInterrupt` so that it stops its
own LibreOffice and removes its temporary files; one that does not end in time is killed (the
watchdog of its LibreOffice then stops that).

This module knows nothing of reports: :mod:`reportgen.batch` gives it the work.
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
import time
from typing import Any, Callable, Sequence

__all__ = ["Message", "run_workers", "serve"]

Message = tuple[str, int, Any]
"""``(kind, worker id, payload)``: kind is ``start``, ``done`` or ``exit``."""
STOP_WAIT = 15.0
"""Seconds stopped workers have to clean up before they are killed."""


def run_workers(target: Callable[..., None], args: tuple[Any, ...], tasks: Sequence[Any],
                count: int, take: Callable[[Message], None],
                died: Callable[[int, int | None], None]) -> None:
    """Run ``tasks`` in ``count`` worker processes; return when every worker has ended.

    ``take`` gets every message of the workers; ``died`` the id and exit code of a worker that
    ended without its ``exit`` message. An exception here (an interrupt) stops every worker
    and is raised again.
    """
    context = multiprocessing.get_context("spawn")
    todo: Any = context.Queue()
    results: Any = context.Queue()
    for index, task in enumerate(tasks):
        todo.put((index, task))
    for _ in range(count):
        todo.put(None)
    workers = [context.Process(target=target, args=(wid, todo, results, *args), daemon=True,
                               name=f"reportgen-worker-{wid}") for wid in range(count)]
    ended: set[int] = set()

    def handle(message: Message) -> None:
        if message[0] == "exit":
            ended.add(message[1])
        take(message)

    try:
        for worker in workers:
            worker.start()
        while len(ended) < count:
            try:
                handle(results.get(timeout=0.5))
                continue
            except queue.Empty:
                pass
            for wid, worker in enumerate(workers):
                if wid not in ended and worker.exitcode is not None:
                    try:  # its last messages may still be on their way
                        while True:
                            handle(results.get(timeout=0.2))
                    except queue.Empty:
                        pass
                    if wid not in ended:
                        ended.add(wid)
                        died(wid, worker.exitcode)
    except BaseException:
        _stop(workers)
        raise
    for worker in workers:
        worker.join(timeout=STOP_WAIT)


def serve(wid: int, tasks: Any, results: Any, work: Callable[[Any], Any],
          finish: Callable[[], Any]) -> None:
    """The worker's side: do ``work`` on each task taken, until there are none (or SIGTERM);
    then ``finish``, whose value goes with the ``exit`` message."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides, and stops us by SIGTERM
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        while (task := tasks.get()) is not None:
            index, item = task
            results.put(("start", wid, index))
            results.put(("done", wid, (index, work(item))))
    except KeyboardInterrupt:
        pass
    finally:
        results.put(("exit", wid, finish()))


def _interrupt(signum: int, frame: Any) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: cleaning up is not cut short
    raise KeyboardInterrupt()


def _stop(workers: list[Any]) -> None:
    """SIGTERM every worker still running; kill those that do not end in time."""
    for worker in workers:
        if worker.exitcode is None and worker.pid is not None:
            worker.terminate()
    deadline = time.monotonic() + STOP_WAIT
    for worker in workers:
        if worker.pid is None:
            continue
        worker.join(timeout=max(0.0, deadline - time.monotonic()))
        if worker.exitcode is None:
            worker.kill()
            worker.join(timeout=5)
