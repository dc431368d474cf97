"""tenactions: track the numeric commitments of a public programme."""

__version__ = "0.1.0"
