"""Threads for tests: races for the tests that need PostgreSQL's row locks, and event loops off the main thread."""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.db import connections


def run_together(tasks: list[Callable[[], object]]) -> list[object]:
    """Run every task in its own thread, all released at once by a barrier; return results or exceptions.

    Each thread closes its own database connections.
    """
    barrier = threading.Barrier(len(tasks))
    results: list[object] = [None] * len(tasks)

    def worker(index: int, task: Callable[[], object]) -> None:
        try:
            barrier.wait()
            results[index] = task()
        except Exception as error:  # collected and asserted on by the test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, task)) for i, task in enumerate(tasks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def in_a_thread_of_its_own(function):
    """A browser test run earlier in the session leaves Playwright's event loop running in the main thread, where
    asyncio.run and async_to_sync refuse to start: run there instead, closing the thread's database connections."""

    def run():
        try:
            return function()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()
