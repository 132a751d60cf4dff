"""The one place that reads the wall clock, so builds stay reproducible.

`SOURCE_DATE_EPOCH` (https://reproducible-builds.org/specs/source-date-epoch/) wins when set.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime


def now() -> datetime:
    """The current time, timezone-aware, or `SOURCE_DATE_EPOCH` when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC)
