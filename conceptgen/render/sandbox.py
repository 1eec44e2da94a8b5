"""The Jinja sandbox templates run in, bounded in what they may read, in size and in time.

Jinja's SandboxedEnvironment already refuses private attributes and ranges over 100,000 items. A
template from a client could still ask for ``'x' * 10**10``, ``'x'|center(10**10)``, ``lipsum(10**9)``
or loops that never end; here every multiplication, power and concatenation, and every filter that can
grow a text, is checked against a size limit before it runs, templates cannot include other files, and a
render that runs past its deadline is stopped (a watchdog raises in the rendering thread, on every
platform CPython runs on).
"""

from __future__ import annotations

import ctypes
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from jinja2 import DictLoader, StrictUndefined
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

MAX_SIZE = 5_000_000  # characters or items a single operation may produce
MAX_POWER = 64


class TemplateTimeout(Exception):
    """A template ran longer than its deadline."""


def template_deadline() -> float:
    """Seconds a template may render (``CONCEPTGEN_TEMPLATE_TIMEOUT`` overrides)."""
    return float(os.environ.get("CONCEPTGEN_TEMPLATE_TIMEOUT", "120"))


class BoundedSandbox(SandboxedEnvironment):
    """A SandboxedEnvironment that refuses operations whose result would be larger than MAX_SIZE."""

    intercepted_binops = frozenset(["*", "**", "+"])

    def __init__(self, **options: Any):
        super().__init__(undefined=StrictUndefined, autoescape=True, loader=DictLoader({}), **options)
        self.globals.pop("lipsum", None)
        for name in ("center", "indent", "wordwrap"):
            self.filters[name] = _bounded_width(self.filters[name])
        self.filters["replace"] = _bounded_replace(self.filters["replace"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _number(right) and abs(right) > MAX_POWER:
            raise SecurityError(f"the power {right} is too large for a template")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if _sized(seq) and _number(times) and len(seq) * times > MAX_SIZE:
                    raise SecurityError(f"a result of {len(seq) * times:,} items is too large for a template")
        if operator == "+" and _sized(left) and _sized(right) and len(left) + len(right) > MAX_SIZE:
            raise SecurityError("a text or list this long is too large for a template")
        return super().call_binop(context, operator, left, right)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _sized(value: Any) -> bool:
    return isinstance(value, str | list | tuple | bytes)


def _bounded_width(filter_: Any) -> Any:
    def bounded(*args: Any, **kwargs: Any) -> Any:
        width = kwargs.get("width", args[1] if len(args) > 1 else 0)
        if _number(width) and abs(width) > 10_000:
            raise SecurityError(f"a width of {width} is too large for a template")
        return filter_(*args, **kwargs)

    bounded.__wrapped__ = filter_  # type: ignore[attr-defined]
    return bounded


def _bounded_replace(filter_: Any) -> Any:
    def bounded(eval_ctx: Any, s: Any, old: str, new: str, count: int | None = None) -> Any:
        text = str(s)
        grows = len(str(new)) - len(str(old))
        if grows > 0 and len(text) + grows * (text.count(str(old)) + (1 if old == "" else 0)) > MAX_SIZE:
            raise SecurityError("the replacement makes a text too large for a template")
        return filter_(eval_ctx, s, old, new, count)

    bounded.jinja_pass_arg = filter_.jinja_pass_arg  # type: ignore[attr-defined]
    return bounded


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise TemplateTimeout in the current thread if the block runs longer than ``seconds``."""
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True}

    def expire() -> None:
        with lock:
            if state["active"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(target), ctypes.py_object(TemplateTimeout)
                )

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["active"] = False
        timer.cancel()
