"""Renderers: the only place that formats data for people or other tools."""
