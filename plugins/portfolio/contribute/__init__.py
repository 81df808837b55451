"""Contribute stage: the no-server form that writes an enterprise's or institution's record file."""
