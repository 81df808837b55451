"""A failing stage or two stages writing one path stop the build and leave the previous site as it was."""

import runpy

import pytest

from support.site import build_site, output_tree, settings_overlay
from support.tools import REPO

STAGES = REPO / "tests" / "engine" / "stages"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("failures")
    build_site(tmp / "site", extra_env={"PORTFOLIO_CACHE": str(tmp / "cache")})
    return tmp


def rebuild_with(tmp, stage: str):
    stages = runpy.run_path(str(REPO / "pelicanconf.py"))["PORTFOLIO_STAGES"]
    settings = settings_overlay(tmp, PORTFOLIO_STAGES=[*stages, stage])
    with pytest.raises(AssertionError) as failure:
        build_site(tmp / "site", settings=str(settings),
                   extra_env={"PORTFOLIO_CACHE": str(tmp / "cache"), "PYTHONPATH": str(STAGES)})
    return str(failure.value)


def test_the_last_stage_raising_leaves_the_previous_output_byte_identical(built):
    before = output_tree(built / "site")
    log = rebuild_with(built, "failing_stage")
    assert "this stage failed on purpose" in log
    assert output_tree(built / "site") == before and not (built / ".site.staging").exists()


def test_two_stages_writing_one_path_fail_naming_both(built):
    before = output_tree(built / "site")
    log = " ".join(rebuild_with(built, "clashing_stage").split())
    assert "index.html" in log and "portfolio.site.pages" in log and "clashing_stage" in log
    assert output_tree(built / "site") == before
