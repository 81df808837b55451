"""Timed commands for the benchmarks: wall time, processor time and peak memory of a command and the
processes it waits for.

The commands are started by a small process of their own (`SPAWNER`: Python without its site packages,
about 8 MiB), not by the benchmark: Linux counts in a child's peak memory (`ru_maxrss`) the resident memory
of the process it was forked from, so a command started by a benchmark holding 200 MiB of records reported
200 MiB even when it used 50."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Reads one job a line (JSON: command, environment, working folder, log file), runs it, answers with a line:
# [exit status, wall seconds, processor seconds (user + system, waited-for descendants included), peak KiB].
SPAWNER = r"""
import json, os, sys, time
for line in sys.stdin:
    job = json.loads(line)
    log, nothing = os.open(job["log"], os.O_WRONLY | os.O_TRUNC), os.open(os.devnull, os.O_RDONLY)
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.chdir(job["cwd"])
            os.dup2(nothing, 0)  # not the jobs
            os.dup2(log, 1)
            os.dup2(log, 2)
            os.execvpe(job["command"][0], job["command"], job["env"])
        except BaseException as error:
            os.write(2, f"cannot run {job['command'][0]}: {error}\n".encode())
        os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    os.close(log)
    os.close(nothing)
    print(json.dumps([os.waitstatus_to_exitcode(status), wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss]),
          flush=True)
"""


@dataclass
class Run:
    """What one timed command (or a sequence of them) cost."""

    wall_s: float
    cpu_s: float
    rss_mib: float
    log: str = ""

    def __add__(self, other: Run) -> Run:
        return Run(self.wall_s + other.wall_s, self.cpu_s + other.cpu_s, max(self.rss_mib, other.rss_mib),
                   self.log + other.log)


class _Spawner:
    """The process that starts the timed commands (SPAWNER), started once, at the first command."""

    process: subprocess.Popen | None = None

    @classmethod
    def run(cls, command: list[str], env: dict, cwd: Path, log: str) -> list:
        if cls.process is None or cls.process.poll() is not None:
            cls.process = subprocess.Popen([sys.executable, "-S", "-c", SPAWNER], stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE, text=True, env={})
        job = {"command": command, "env": env, "cwd": str(cwd), "log": log}
        cls.process.stdin.write(json.dumps(job) + "\n")
        cls.process.stdin.flush()
        answer = cls.process.stdout.readline()
        if not answer:
            raise RuntimeError(f"the benchmark's command spawner stopped (status {cls.process.wait()})")
        return json.loads(answer)


def timed(command: list, env: dict | None = None, cwd: Path | None = None) -> Run:
    """Run `command` (in `cwd`, with `env`: by default this process's); its wall time, processor time and peak
    memory (descendants included); raise on failure, with the end of its output."""
    with tempfile.NamedTemporaryFile("rb") as log:
        status, wall, cpu, peak_kib = _Spawner.run([str(c) for c in command], dict(os.environ if env is None else env),
                                                   Path(cwd or os.getcwd()), log.name)
        text = log.read().decode("utf-8", "replace")
    if status:
        raise RuntimeError(failure(command, status, text))
    return Run(wall, cpu, peak_kib / 1024, text)


def failure(command: list, status: int, log: str) -> str:
    lines = "\n".join(line.rstrip() for line in log.splitlines()[-80:])
    return f"{' '.join(map(str, command))} failed ({status}):\n{lines}"
