"""Pelican plugin of the portfolio « L'économie sociale, j'achète! »: `register()` only connects signals;
the engine is in engine/ (start with engine/stage.py), the settings in settings.py."""

from pelican import signals


def _generators(pelican):
    from .engine.generator import PortfolioGenerator

    return PortfolioGenerator


def _generator_init(generator):
    from .engine.generator import share_filters

    share_filters(generator)


def register():
    """Connect the portfolio generator to Pelican."""
    signals.get_generators.connect(_generators)
    signals.generator_init.connect(_generator_init)
