"""The records are frozen (out of the cycle collector's reach) from the end of their loading to the end of
the build, and released when the build fails before its output is written; the collector passes less often
during the build, as often as before after it."""

import gc

import pytest
from pelican.settings import DEFAULT_CONFIG

from portfolio import collector
from portfolio.engine import cache
from portfolio.engine.generator import PortfolioBuildError, PortfolioGenerator
from portfolio.engine.uptodate import UpToDate
from portfolio.settings import REPOSITORY, Settings


def generator(tmp_path, **values):
    settings = Settings(root=REPOSITORY, cache=tmp_path / "cache", workers=1, today="2026-11-29", **values)
    pelican_settings = {**DEFAULT_CONFIG, "THEME": str(settings.theme)}
    check = UpToDate(settings, pelican_settings, tmp_path / "out")
    return PortfolioGenerator.running(settings, check)(context={}, settings=pelican_settings, path=str(tmp_path),
                                                       theme=str(settings.theme), output_path=str(tmp_path / "out"))


before = gc.get_threshold()


@pytest.fixture(autouse=True)
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.set_threshold(*before)


def test_the_loaded_records_are_frozen(tmp_path):
    made = generator(tmp_path)
    made.generate_context()
    assert gc.get_freeze_count() > 0 and gc.isenabled()
    assert gc.get_threshold()[0] == collector.BUILD_THRESHOLD, "the collector passes less often during the build"
    made.end_build()
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == before


def test_a_build_failing_after_the_records_are_loaded_releases_them(tmp_path):
    made = generator(tmp_path, publish=True)  # the shipped placeholder settings: publication is refused
    with pytest.raises(PortfolioBuildError, match="make publish refused"):
        made.generate_context()
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    assert not cache._seen, "the files seen at the start are asked for again by any later build in this process"
    assert gc.get_threshold() == before
