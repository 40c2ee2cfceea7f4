"""`python -m costgate`: the same command line as the `costgate` script."""

from costgate.cli import main

main()
