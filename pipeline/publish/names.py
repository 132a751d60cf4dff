"""The channels' names, apart from the channel machinery: `pipeline --help` lists them without
importing it."""

CHANNELS = ("x", "bluesky", "mastodon", "linkedin", "email")
"""Every channel, in the order a run publishes them."""

NETWORK_NAMES = {"x": "X", "bluesky": "Bluesky", "mastodon": "Mastodon", "linkedin": "LinkedIn"}
"""How each network is named to a person (messages, the review page, the drafts file)."""
