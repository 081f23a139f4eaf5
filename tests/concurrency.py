"""Races for the tests that need PostgreSQL's row locks."""

import threading
from collections.abc import Callable

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
