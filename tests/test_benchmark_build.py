"""benchmarks/build.py runs end to end at 40 enterprises and reports every figure (no timing thresholds)."""

import json
import math
import pstats
import subprocess
import sys
from pathlib import Path

import pytest

from support.tools import REPO, require

SECONDS = ["project_cold_wall_s", "project_cold_cpu_s", "noop_wall_s", "noop_cpu_s", "one_record_wall_s",
           "one_record_cpu_s", "one_logo_wall_s", "one_logo_cpu_s", "pelican_wall_s", "pelican_cpu_s",
           "preview_first_wall_s", "preview_first_cpu_s", "preview_wall_s", "preview_cpu_s", "start_wall_s", "start_cpu_s",
           "hugo_pagefind_wall_s", "hugo_pagefind_cpu_s", "project_pdf_cold_wall_s",
           "project_pdf_cold_cpu_s", "pdf_cpu_s_per_block"]
RATIOS = ["ratio_wall_to_pelican", "ratio_wall_to_hugo_pagefind", "ratio_cpu_to_pelican",
          "ratio_cpu_to_hugo_pagefind", "noop_to_cold_wall", "one_record_to_cold_wall", "one_logo_to_cold_wall",
          "preview_first_to_cold_wall", "preview_to_cold_wall", "start_to_cold_wall"]
MEMORY = ["peak_rss_mib", "preview_peak_rss_mib", "pelican_peak_rss_mib", "hugo_pagefind_peak_rss_mib", "project_pdf_peak_rss_mib"]
PAGES = ["project_pages", "pelican_pages", "hugo_pagefind_pages"]
N = 40


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    require("benchmarks/.venv-peers (make bench-peers)", str(REPO / "benchmarks" / ".venv-peers" / ".installed"))
    folder = tmp_path_factory.mktemp("bench")
    result = subprocess.run([sys.executable, str(REPO / "benchmarks" / "build.py"), "--sizes", str(N), "--rounds", "1",
                             "--json", str(folder / "build.json"), "--profile", str(folder / "profile")],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result, folder


@pytest.fixture(scope="module")
def figures(run) -> dict:
    result, folder = run
    assert result.stdout.splitlines()[-1] == str(folder / "build.json")
    [figures] = json.loads((folder / "build.json").read_text(encoding="utf-8"))
    return figures


def test_every_figure_is_reported(figures):
    assert figures["n"] == N and figures["rounds"] == 1
    for key in SECONDS + RATIOS + MEMORY:
        assert math.isfinite(figures[key]) and figures[key] > 0, key


def test_each_tool_wrote_both_languages_of_every_enterprise(figures):
    for key in PAGES:
        assert figures[key] >= 2 * N, key


def test_pdf_blocks_count_every_enterprise_in_each_language(figures):
    # 40 enterprises: every sector catalogue and the whole one get a PDF in both languages.
    assert figures["pdf_blocks"] >= 2 * 2 * N
    assert figures["pdf_files"] >= 4
    assert figures["pdf_cpu_s_per_block_samples"] == [figures["pdf_cpu_s_per_block"]]  # one round: one PDF build
    per_page = figures["pelican_cpu_s"] / figures["pelican_pages"]
    assert figures["pdf_block_in_pelican_pages"] == round(figures["pdf_cpu_s_per_block"] / per_page, 2) > 0


def test_summary_counts_are_whole_numbers_when_the_build_prints_them(figures):
    counts = {k: v for k, v in figures.items() if k.startswith("project_") and k.endswith(
        ("_pages_rendered", "_files_written", "_unchanged", "_removed"))}
    assert all(isinstance(v, int) and v >= 0 for v in counts.values()), counts


def test_the_previews_builder_builds_each_saved_edit(figures):
    assert figures["project_preview_first_pages_rendered"] > 0 and figures["project_preview_pages_rendered"] > 0
    assert figures["project_noop_pages_rendered"] == 0


def test_table_compares_with_both_peers(run):
    result, _ = run
    assert "plain Pelican" in result.stdout and "Hugo + Pagefind" in result.stdout


def test_profile_of_the_project_build_is_written(run, figures):
    _, folder = run
    path = folder / "profile" / f"project-cold-{N}.prof"
    assert figures["profile"] == str(path)
    assert pstats.Stats(str(path)).total_calls > 0
