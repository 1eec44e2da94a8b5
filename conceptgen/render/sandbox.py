"""The Jinja sandbox templates run in, bounded in what they may read, in size and in time.

Jinja's SandboxedEnvironment already refuses private attributes and ranges over 100,000 items. A
template from a client could still ask for ``'x' * 10**10``, ``'x'|center(10**10)``, ``lipsum(10**9)``
or loops that never end; here every multiplication, power and concatenation, and every filter that can
grow a text, is checked against a size limit before it runs, templates cannot include other files, and a
render that runs past its time limit is stopped (a watchdog raises in the rendering thread, on every
platform CPython runs on).

The time limit scales with the work (``TemplateLimit``): a base plus an allowance per item of the
document (each paragraph and table of the template after its outline is put in, each entry of the
data's lists), so that a report with 542 area profiles gets the time it needs and a loop in a loop over
a small project is still stopped. It counts the processor time of the rendering thread where the
platform can tell it (Linux, macOS, the BSDs), so that a machine busy with other work does not use it
up; elsewhere wall time. When it runs out, the watchdog notes where the thread was (a loop of the
template, docxtpl's preparation of the XML …) before it stops it.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from jinja2 import DictLoader, StrictUndefined, pass_context
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from conceptgen.cache import Cache
from conceptgen.render.compiled import MIN_CHARS, kept_text

MAX_SIZE = 5_000_000  # characters or items a single operation may produce
MAX_POWER = 64


class TemplateTimeout(Exception):
    """A template ran longer than its deadline."""


BASE_SECONDS = 120.0  # CONCEPTGEN_TEMPLATE_TIMEOUT
SECONDS_PER_ITEM = 0.05  # CONCEPTGEN_TEMPLATE_TIMEOUT_PER_ITEM


@dataclass(frozen=True)
class TemplateLimit:
    """How long a template may run: ``base`` seconds plus ``per_item`` for each of ``items``."""

    base: float
    per_item: float
    items: int

    @property
    def seconds(self) -> float:
        return self.base + self.per_item * self.items

    def describe(self) -> str:
        """The limit and how it is made up, in the user's words (German, as the diagnostics)."""
        items = f"{self.items:,}".replace(",", ".")
        return (
            f"{_german(self.seconds)} s ({_german(self.base)} s Grundwert + {_german(self.per_item)} s "
            f"je Teil × {items} Teile)"
        )


def _german(seconds: float) -> str:
    return f"{seconds:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def template_limit(items: int) -> TemplateLimit:
    """The time limit of a template that renders ``items`` items (paragraphs, tables, list entries):
    ``CONCEPTGEN_TEMPLATE_TIMEOUT`` seconds (default 120) plus ``CONCEPTGEN_TEMPLATE_TIMEOUT_PER_ITEM``
    (default 0.05) per item."""
    base = float(os.environ.get("CONCEPTGEN_TEMPLATE_TIMEOUT", BASE_SECONDS))
    per_item = float(os.environ.get("CONCEPTGEN_TEMPLATE_TIMEOUT_PER_ITEM", SECONDS_PER_ITEM))
    return TemplateLimit(base, per_item, items)


def count_items(value: Any, limit: int = 1_000_000) -> int:
    """The entries of every list and mapping in ``value`` (the data a template can loop over), counted
    up to ``limit``; a list or mapping met again through another path counts once."""
    seen: set[int] = set()
    stack, count = [value], 0
    while stack and count < limit:
        item = stack.pop()
        if isinstance(item, Mapping | list | tuple) and id(item) not in seen:
            seen.add(id(item))
            values = item.values() if isinstance(item, Mapping) else item
            count += len(values)
            stack.extend(v for v in values if isinstance(v, Mapping | list | tuple))
    return min(count, limit)


def count_context(context: Mapping[str, Any], known: dict[int, int]) -> int:
    """count_items of a document's context, where the values it shares with the other documents of a
    batch (``known``: their counts by identity, filled here) are counted once for the whole batch."""
    count = len(context)
    for value in context.values():
        if isinstance(value, Mapping | list | tuple):
            if id(value) not in known:
                known[id(value)] = count_items(value)
            count += known[id(value)]
    return count


# compiled template parts by source and environment (BoundedSandbox.compile): a few parts per template
_COMPILED: dict[tuple, Any] = {}
_COMPILED_ENTRIES = 64
_COMPILED_SOURCE_LIMIT = 1 << 20  # a larger part (a report's body) is compiled once anyway


class BoundedSandbox(SandboxedEnvironment):
    """A SandboxedEnvironment that refuses operations whose result would be larger than MAX_SIZE."""

    intercepted_binops = frozenset(["*", "**", "+"])

    def __init__(self, store: Cache | None = None, **options: Any):
        """``store``: the project's cache, where the code of a part is kept for the next process
        (render/compiled.py); None: kept in this process only."""
        super().__init__(undefined=StrictUndefined, autoescape=True, loader=DictLoader({}), **options)
        self.globals.pop("lipsum", None)
        self.filters.update(_BOUNDED)
        self.store = store

    def compile(  # type: ignore[override]
        self,
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        """Jinja's compile, kept per process for a template part's source met again: the 550 profiles
        of a city render the same few parts (body, headers, footers, properties), which Jinja would
        lex, parse and generate anew for each document (a quarter of a profile's render). The code
        depends on the source and on the environment's class and settings, which are the key; it looks
        the filters up when it runs, in the environment it is bound to. Jinja calls a filter on constant
        arguments while compiling (``{{ 'key' | term }}``): the filters that depend on the document
        (its language: ``runtime_filter``) never are, the others are part of the key. A part not met in
        this process may have been met by an earlier one: its code is in ``store`` (render/compiled.py)."""
        if not isinstance(source, str) or raw:
            return super().compile(source, name, filename, raw, defer_init)
        if len(source) > _COMPILED_SOURCE_LIMIT:
            return self._compile_kept(source, name, filename, defer_init)
        key = (type(self), self._settings(), source, name, filename, defer_init)
        code = _COMPILED.get(key)
        if code is None:
            code = self._compile_kept(source, name, filename, defer_init)
            if len(_COMPILED) >= _COMPILED_ENTRIES:
                _COMPILED.pop(next(iter(_COMPILED)))  # the oldest
            _COMPILED[key] = code
        return code

    def _compile_kept(self, source: str, name: str | None, filename: str | None, defer_init: bool) -> Any:
        """Jinja's code of ``source``, generated by Jinja or read from ``store``, compiled by Python."""
        if self.store is None or len(source) < MIN_CHARS:
            return SandboxedEnvironment.compile(self, source, name, filename, False, defer_init)
        python = kept_text(
            self.store,
            "jinja",
            (self.portable_settings(), repr((name, filename, defer_init)), source),
            lambda: SandboxedEnvironment.compile(self, source, name, filename, True, defer_init),
        )
        return self._compile(python, filename or "<template>")

    def portable_settings(self) -> str:
        """``_settings`` as a text that is the same in every process: the environment's class and each
        function by its module, name and first line (conceptgen's code and Jinja's version are part of a
        kept part's key besides, render/compiled.py)."""
        return repr(_portable((type(self), self._settings())))

    def _settings(self) -> tuple:
        """What Jinja's code generation reads from the environment besides the source."""
        return (
            self.block_start_string, self.block_end_string, self.variable_start_string,
            self.variable_end_string, self.comment_start_string, self.comment_end_string,
            self.line_statement_prefix, self.line_comment_prefix, self.trim_blocks, self.lstrip_blocks,
            self.newline_sequence, self.keep_trailing_newline, self.optimized, self.autoescape,
            self.finalize, frozenset(self.extensions), _functions(self.filters), _functions(self.tests),
        )  # fmt: skip

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _number(right) and abs(right) > MAX_POWER:
            raise SecurityError(f"die Potenz {right} ist für eine Vorlage zu groß")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if _sized(seq) and _number(times) and len(seq) * times > MAX_SIZE:
                    items = f"{len(seq) * times:_}".replace("_", ".")
                    raise SecurityError(f"ein Ergebnis mit {items} Einträgen ist für eine Vorlage zu groß")
        if operator == "+" and _sized(left) and _sized(right) and len(left) + len(right) > MAX_SIZE:
            raise SecurityError("ein so langer Text oder eine so lange Liste ist für eine Vorlage zu groß")
        return super().call_binop(context, operator, left, right)


_AT_RUNTIME = pass_context(lambda context: None).jinja_pass_arg  # type: ignore[attr-defined]


def runtime_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` as a filter Jinja calls only while the template runs, never while compiling it (as it
    does a filter on constant arguments): for filters bound to a document (its language's words)."""

    @pass_context
    def at_runtime(_context: Any, *args: Any, **kwargs: Any) -> Any:
        return function(*args, **kwargs)

    return at_runtime


def _functions(named: Mapping[str, Any]) -> tuple:
    """Filters or tests as compiled code may depend on them: the name of each, and the function itself
    unless Jinja calls it only at run time."""
    return tuple(
        (name, None if getattr(function, "jinja_pass_arg", None) is _AT_RUNTIME else function)
        for name, function in sorted(named.items())
    )


def _portable(value: Any) -> Any:
    """``value`` (settings: tuples, frozensets, texts, functions, classes) with every function and class
    replaced by where it is defined, and sets in a fixed order."""
    if isinstance(value, tuple):
        return tuple(_portable(v) for v in value)
    if isinstance(value, frozenset):
        return tuple(sorted(repr(_portable(v)) for v in value))
    if callable(value):
        code = getattr(value, "__code__", None)
        where = (
            getattr(value, "__module__", None),
            getattr(value, "__qualname__", type(value).__qualname__),
            code.co_firstlineno if code is not None else None,
        )
        wrapped = getattr(value, "__wrapped__", None)
        return (*where, _portable(wrapped)) if wrapped is not None else where
    return value


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _sized(value: Any) -> bool:
    return isinstance(value, str | list | tuple | bytes)


def _bounded_width(filter_: Any) -> Any:
    def bounded(*args: Any, **kwargs: Any) -> Any:
        width = kwargs.get("width", args[1] if len(args) > 1 else 0)
        if _number(width) and abs(width) > 10_000:
            raise SecurityError(f"eine Breite von {width} ist für eine Vorlage zu groß")
        return filter_(*args, **kwargs)

    bounded.__wrapped__ = filter_  # type: ignore[attr-defined]
    return bounded


def _bounded_replace(filter_: Any) -> Any:
    def bounded(eval_ctx: Any, s: Any, old: str, new: str, count: int | None = None) -> Any:
        text = str(s)
        grows = len(str(new)) - len(str(old))
        if grows > 0 and len(text) + grows * (text.count(str(old)) + (1 if old == "" else 0)) > MAX_SIZE:
            raise SecurityError("die Ersetzung macht einen Text für eine Vorlage zu groß")
        return filter_(eval_ctx, s, old, new, count)

    bounded.jinja_pass_arg = filter_.jinja_pass_arg  # type: ignore[attr-defined]
    return bounded


@dataclass
class Watch:
    """What the watchdog saw when the limit ran out: where the rendering thread was (see ``where``)."""

    where: str = ""
    seconds: float = 0.0
    clock: str = "wall"
    extra: dict[str, Any] = field(default_factory=dict)


def _thread_clock(target: int) -> tuple[Callable[[], float], str]:
    """A clock of the processor time ``target`` has used, where the platform has one; else wall time."""
    try:
        clock_id = time.pthread_getcpuclockid(target)
        time.clock_gettime(clock_id)
    except (AttributeError, OSError, OverflowError):
        return time.monotonic, "wall"
    return (lambda: time.clock_gettime(clock_id)), "cpu"


@contextmanager
def deadline(seconds: float) -> Iterator[Watch]:
    """Raise TemplateTimeout in the current thread once the block has used ``seconds`` of processor time
    (wall time where the platform cannot tell a thread's); the yielded Watch says where it was then."""
    target = threading.get_ident()
    clock, kind = _thread_clock(target)
    start = clock()
    watch = Watch(clock=kind)
    stop = threading.Event()
    lock = threading.Lock()

    def expire() -> None:
        while not stop.wait(min(0.25, max(seconds / 20, 0.01))):
            with lock:
                if stop.is_set():
                    return
                used = clock() - start
                if used < seconds:
                    continue
                frame = sys._current_frames().get(target)
                watch.where, watch.seconds = where(frame), used
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(target), ctypes.py_object(TemplateTimeout)
                )
                return

    watchdog = threading.Thread(target=expire, name="conceptgen-template-limit", daemon=True)
    watchdog.start()
    try:
        yield watch
    finally:
        with lock:
            stop.set()


def where(frame: Any) -> str:
    """Where a rendering thread is, in the user's words: the loops of the template it runs (Jinja names
    a loop variable ``l_<depth>_<name>``), else the step of docxtpl or lxml it is in."""
    innermost = ""
    while frame is not None:
        code = frame.f_code
        if code.co_filename == "<template>":
            found = [k[2:].partition("_") for k in frame.f_locals if k.startswith("l_")]
            depths = {int(d) for d, _, name in found if d.isdigit() and int(d) > 0}
            names = ", ".join(
                f"„{n}“" for d, _, n in sorted(found) if d.isdigit() and int(d) > 0 and n != "loop"
            )
            if len(depths) > 1:
                return (
                    f"in {len(depths)} ineinander verschachtelten Schleifen der Vorlage (Variablen {names})"
                )
            if depths:
                return f"in einer Schleife der Vorlage (Variable {names})"
            return "beim Ausfüllen der Platzhalter der Vorlage (Jinja)"
        if not innermost and ("docxtpl" in code.co_filename or "lxml" in code.co_filename):
            innermost = f"in docxtpl ({code.co_name})"
        frame = frame.f_back
    return innermost or "beim Vorbereiten der Vorlage"


# the size-bounded builtin filters, made once: the same functions in every sandbox (a compiled part's key)
_BUILTIN = SandboxedEnvironment().filters
_BOUNDED = {name: _bounded_width(_BUILTIN[name]) for name in ("center", "indent", "wordwrap")}
_BOUNDED["replace"] = _bounded_replace(_BUILTIN["replace"])
