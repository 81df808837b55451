"""Validation benchmark: time to validate N synthetic records, against reading the same files with
PyYAML's C loader alone (the baseline, measured in the same run).

    .venv/bin/python benchmarks/validate.py [--sizes 40 1000 10000]

Prints a Markdown table: wall and processor seconds, records per second, and the ratio to the baseline.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))

from portfolio.records.load import record_files, validate_files  # noqa: E402
from portfolio.synthetic import write_portfolio  # noqa: E402


def timed(function) -> tuple[float, float]:
    """Wall and processor seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - wall, time.process_time() - cpu


def baseline(files: list[Path]) -> None:
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 1000, 10000])
    args = parser.parse_args()
    print("| records | validation wall s | validation CPU s | records/s (CPU) | YAML-only baseline CPU s | ratio |")
    print("|---|---|---|---|---|---|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            write_portfolio(root, size, seed=0)
            files = record_files(root)
            base_wall, base_cpu = timed(lambda: baseline(files))
            results = []
            wall, cpu = timed(lambda: results.append(validate_files(files, root)))
            assert not results[0].errors, results[0].diagnostics[:5]
            print(f"| {size:,} | {wall:.1f} | {cpu:.1f} | {len(files) / cpu:,.0f} | {base_cpu:.2f} | {cpu / base_cpu:.1f}× |")


if __name__ == "__main__":
    main()
