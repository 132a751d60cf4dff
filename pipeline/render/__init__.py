"""Pure renderers: Articles and Site in, Outputs out. No disk, network or clock."""
