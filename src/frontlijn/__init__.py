"""Frontlijn: software that puts a housing association's front-line staff at the centre."""

__version__ = "0.1.0"
