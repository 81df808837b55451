"""workers.spread: jobs in forked processes, closures included, results in order; here when it must be."""

import multiprocessing
import os

from portfolio.workers import count, spread


def test_results_come_back_in_order_from_other_processes_and_closures_need_not_pickle():
    offset = 1000
    parent = os.getpid()
    results = spread(lambda n: (n + offset, os.getpid()), list(range(40)), workers=2, chunksize=4)
    assert [value for value, _ in results] == list(range(1000, 1040))
    assert parent not in {pid for _, pid in results}


def test_one_worker_or_one_item_runs_here():
    here = os.getpid()
    assert spread(lambda n: os.getpid(), [1, 2, 3], workers=1) == [here] * 3
    assert spread(lambda n: os.getpid(), [1], workers=2) == [here]


def _in_daemon(queue):
    queue.put(spread(lambda n: os.getpid() == multiprocessing.current_process().pid, [1, 2, 3], workers=2))


def test_a_daemon_process_which_may_not_start_processes_runs_the_jobs_itself():
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_in_daemon, args=(queue,), daemon=True)
    process.start()
    assert queue.get(timeout=60) == [True, True, True]
    process.join()


def test_none_means_one_process_per_processor():
    assert count(None) == (os.cpu_count() or 1) and count(3) == 3
