"""Pelican plugin of the portfolio « L'économie sociale, j'achète! »: `register()` only connects signals;
the engine is in engine/ (start with engine/stage.py), the settings in settings.py. Importing the package
does not import Pelican (`python -m portfolio` checks whether a build can be skipped before it does)."""


def _generators(pelican):
    from .engine.start import generator_for

    return generator_for(pelican)


def _generators_finalized(generators):
    for generator in generators:
        if hasattr(generator, "lend_filters"):
            generator.lend_filters(generators)


def _finalized(pelican):
    from .engine.quickexit import after_success

    after_success(pelican)


def register():
    """Connect the portfolio's generator (engine/start.py) to Pelican, and end a run that succeeded at once
    (engine/quickexit.py)."""
    from pelican import signals

    signals.get_generators.connect(_generators)
    signals.all_generators_finalized.connect(_generators_finalized)
    signals.finalized.connect(_finalized)
