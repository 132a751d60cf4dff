"""twitter-text-parser, imported once for the social renderer.

It imports `pkg_resources` at import time, which setuptools deprecates with a UserWarning on
every run; that is the library's business, not something an editor running `pipeline build`
should read. (It is also why pyproject.toml pins setuptools below 81.)
"""

import warnings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
    from twitter_text import extract_urls_with_indices, parse_tweet
    from twitter_text.has_invalid_characters import has_invalid_characters

__all__ = ["extract_urls_with_indices", "has_invalid_characters", "parse_tweet"]
