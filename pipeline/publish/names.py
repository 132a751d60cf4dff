"""The channels' names, apart from the channel machinery: `pipeline --help` lists them without
importing it."""

CHANNELS = ("x", "bluesky", "mastodon", "linkedin", "email")
"""Every channel, in the order a run publishes them."""
