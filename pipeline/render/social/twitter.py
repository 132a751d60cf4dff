"""twitter-text-parser, imported once for the social renderer.

It imports `pkg_resources` at import time, which setuptools deprecates with a UserWarning on
every run; that is the library's business, not something an editor running `pipeline build`
should read. (It is also why pyproject.toml pins setuptools below 81.)
"""

import re
import warnings
from typing import Any

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
    from twitter_text import extract_urls_with_indices as _extract_urls_with_indices
    from twitter_text import parse_tweet
    from twitter_text.has_invalid_characters import has_invalid_characters

# Every URL twitter-text extracts has a domain ending in a dot and a top-level domain of two
# characters or more, the first a letter ("vcdnp.org", "example.xn--p1ai", "x.भारत"). A text
# without a dot, a letter and one more character that is neither space nor dot has none ("U.S."
# and "i.e." do not look like one); the library's own regex costs ~0.15 ms a sentence to say so.
_MAYBE_URL = re.compile(r"\.[^\W\d_][^\s.]")


def extract_urls_with_indices(text: str, extract_urls_without_protocol: bool = True) -> Any:
    """twitter-text's `extract_urls_with_indices`, answered at once for a text with no URL."""
    if _MAYBE_URL.search(text) is None:
        return []
    return _extract_urls_with_indices(text, extract_urls_without_protocol)


__all__ = ["extract_urls_with_indices", "has_invalid_characters", "parse_tweet"]
