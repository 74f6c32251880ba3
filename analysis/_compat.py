"""Old call forms kept working for one release, with a ``DeprecationWarning``.

``legacy_call`` wraps a function whose signature changed to the shared shape
``f(primary_table, *, articles=None, by=...)`` (see ``schema``): calls in the previous
release's form are rebound to the new parameters, warned about, and give the same result.
Remove the decorators (and this module) in the release after next.
"""

from __future__ import annotations

import functools
import inspect
import warnings
from collections.abc import Callable, Mapping
from typing import TypeVar

F = TypeVar("F", bound=Callable)


def legacy_call(*old_positional: str, renamed: Mapping[str, str] | None = None) -> Callable[[F], F]:
    """Accept the previous release's call forms of the decorated function.

    ``old_positional``: the names the previous signature gave its positional parameters, in
    order (e.g. ``("articles", "quotes")`` when the old form was ``f(articles, quotes)``). A call
    with more than one positional argument, or with one positional argument and the new first
    parameter also given by keyword, is an old-form call: its positional arguments are bound to
    these names. ``renamed``: old keyword -> new keyword (e.g. ``{"group": "by"}``).
    Old-form calls emit one ``DeprecationWarning`` naming the new form."""
    renamed = dict(renamed or {})

    def decorate(fn: F) -> F:
        params = list(inspect.signature(fn).parameters.values())
        primary = params[0].name
        keywords = [p.name for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY]

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            old = []
            if len(args) > 1 or (args and primary in kwargs):
                old.append(f"{fn.__name__}({', '.join(old_positional[:len(args)])}, ...)")
                args, kwargs = _bind_old_positional(fn.__name__, old_positional, args, kwargs)
            for old_name, new_name in renamed.items():
                if old_name in kwargs:
                    if new_name in kwargs:
                        raise TypeError(f"{fn.__name__}() got both {old_name}= and {new_name}=")
                    kwargs[new_name] = kwargs.pop(old_name)
                    old.append(f"{old_name}=")
            if old:
                new = ", ".join([primary, *(f"{k}=..." for k in keywords if k in kwargs)])
                warnings.warn(f"{fn.__name__}: the call form {' and '.join(old)} is deprecated and "
                              f"goes in the next release; call {fn.__name__}({new})",
                              DeprecationWarning, stacklevel=2)
            return fn(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def _bind_old_positional(name: str, old_positional: tuple[str, ...], args: tuple,
                         kwargs: dict) -> tuple[tuple, dict]:
    """``args`` bound to the old positional names, as keywords (``TypeError`` as Python raises
    for too many or doubly given arguments)."""
    if len(args) > len(old_positional):
        raise TypeError(f"{name}() takes at most {len(old_positional)} positional arguments in "
                        f"its deprecated form ({len(args)} given)")
    bound = dict(zip(old_positional, args))
    twice = sorted(set(bound) & set(kwargs))
    if twice:
        raise TypeError(f"{name}() got multiple values for {', '.join(twice)}")
    return (), {**bound, **kwargs}
