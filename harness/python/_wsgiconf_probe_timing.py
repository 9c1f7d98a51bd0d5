"""Probe scenarios for file_wrapper, timing and disconnect rules (see _wsgiconf_probe_scenarios)."""

SCENARIOS = {}
