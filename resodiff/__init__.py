"""resodiff: parse, compare, roll forward and report UN General Assembly resolutions."""

__version__ = "0.1.0"
