"""Shared test machinery: site build, nginx server, Chromium, real checkers (axe-core, Nu, ajv)."""
