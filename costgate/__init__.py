"""costgate: cloud cost in the pull request."""

__version__ = "0.1.0"
