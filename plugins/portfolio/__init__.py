"""Pelican plugin of the portfolio « L'économie sociale, j'achète! »."""

from pelican import signals


def _generators(pelican):
    from .site.generator import PortfolioGenerator

    return PortfolioGenerator


def _generator_init(generator):
    from .site.generator import share_filters

    share_filters(generator)


def register():
    """Connect the portfolio generator to Pelican."""
    signals.get_generators.connect(_generators)
    signals.generator_init.connect(_generator_init)
