"""One module per command group; pipeline/cli.py assembles them."""
