"""`python -m linter` runs the reportlint command line."""

from linter.cli import main

main()
