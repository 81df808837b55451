"""The build engine: the stage protocol (stage.py), the one writer (writer.py), the content-hash cache
(cache.py), page input digests (fingerprint.py) and the Pelican generator that runs them (generator.py)."""
