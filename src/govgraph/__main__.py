"""``python -m govgraph`` runs the command line."""

from govgraph.cli import main

main()
