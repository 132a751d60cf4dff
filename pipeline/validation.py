"""Turn pydantic validation errors into located, readable Problems."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError

from pipeline.errors import Problem

LineOf = Callable[[tuple[str | int, ...]], int | None]


def _field_name(loc: tuple[str | int, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]}[{part}]"] if parts else [f"[{part}]"]
        else:
            parts.append(part.rstrip("_") if part.endswith("_") else part)
    return ".".join(parts) or "(document)"


def _message(error: dict[str, object]) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required, but missing"
    if kind == "extra_forbidden":
        return "unknown key (a typo?)"
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if kind in {"string_type", "int_type", "int_parsing", "list_type", "dict_type", "bool_type"}:
        message += f" (got {error.get('input')!r})"
    return message


def problems_from_validation(exc: ValidationError, path: str, line_of: LineOf) -> list[Problem]:
    """One Problem per validation error, located with `line_of(loc)`."""
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        # A model_validator reports on the model; a field named in its message is better.
        problems.append(Problem(path, line_of(loc), _field_name(loc), _message(dict(error))))
    return problems
