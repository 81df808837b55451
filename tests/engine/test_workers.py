"""workers.spread and workers.later: jobs in forked processes, closures included, results in order; here
when they must be; a failure raised where the result is asked for."""

import multiprocessing
import os
import time

import pytest

from portfolio.workers import LaterError, count, later, spread


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


def test_later_runs_beside_this_process_and_gives_its_result_when_asked():
    parent, big = os.getpid(), b"x" * 3_000_000  # more than a pipe holds: the child waits for the reader
    job = later(lambda: (os.getpid(), big), workers=2)
    pid, data = job.result()
    assert pid != parent and data == big
    assert job.result()[1] is data  # asked again: the same value, not another wait


def test_later_tells_whether_its_result_is_ready_without_waiting(tmp_path):
    go = tmp_path / "go"

    def job():
        while not go.exists():
            time.sleep(0.001)
        return "done"
    waiting = later(job, workers=2)
    assert not waiting.ready()
    go.touch()
    assert waiting.result() == "done" and waiting.ready()
    assert later(lambda: "here", workers=1).ready()


def test_later_with_one_worker_runs_here_and_now():
    ran = []
    job = later(lambda: ran.append(os.getpid()) or "done", workers=1)
    assert ran == [os.getpid()] and job.result() == "done"


def test_a_failing_job_raises_its_traceback_where_the_result_is_asked_for():
    def fail():
        raise ValueError("no open data today")
    job = later(fail, workers=2)
    with pytest.raises(LaterError, match="ValueError: no open data today"):
        job.result()


def test_a_cancelled_job_stops():
    job = later(lambda: time.sleep(60), workers=2)
    job.cancel()
    assert not job._process.is_alive()


def test_a_job_that_spreads_may_start_processes_of_its_own():
    def pids():
        return os.getpid(), spread(lambda n: os.getpid(), [1, 2, 3, 4], workers=2)
    own, workers = later(pids, workers=2, spreads=True).result()
    assert own not in workers  # its jobs ran in processes it started
    own, workers = later(pids, workers=2).result()
    assert set(workers) == {own}  # a daemon: its jobs ran in it, one after the other
