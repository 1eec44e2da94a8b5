"""A template's parts as they are before they run, kept in the project's cache (cache.py) by content:
docxtpl's cleaned XML of a part (``patch_xml``: two dozen regular expressions over the whole part) and the
Python code Jinja generates from that (lexing, parsing, generating: 0.06 s of processor time for the 55 KB
body of the built-in concept template with its outline put in). The next process that renders the same
template with the same outline — the next ``render``, the preview, a batch's worker — reads both instead
of making them; Python still compiles the code (a tenth of Jinja's work), and the code still runs in the
sandbox it is given, with that sandbox's filters and limits (sandbox.py).

An entry is never stale: its key is the part's text, conceptgen's own code (``code_fingerprint``: a
development checkout changes it while the version stays), Jinja's and docxtpl's versions, and for Jinja's
code every setting of the sandbox the generated code depends on (``BoundedSandbox.portable_settings``).
An entry is used only when this user's conceptgen sealed it (cache.py) — Jinja's code is Python that
runs, so an entry brought along with a copied project is a miss, made anew. ``CONCEPTGEN_CACHE=0``
switches it off with the rest of the cache. A part shorter than ``MIN_CHARS`` (a header, a property) is
made anew each time: reading an entry costs about what lexing it does.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable

from conceptgen.cache import Cache

MIN_CHARS = 1000


@functools.cache
def _code() -> str:
    """What the kept texts are made by: conceptgen's code, Jinja, docxtpl (once per process: the code
    that runs is the code that was imported)."""
    import docxtpl
    import jinja2

    from conceptgen.cache import code_fingerprint

    return f"{code_fingerprint()}\0jinja2 {jinja2.__version__}\0docxtpl {docxtpl.__version__}"


def kept_text(store: Cache | None, kind: str, parts: tuple[str, ...], make: Callable[[], str]) -> str:
    """The text ``make`` returns for ``parts``: read from ``store`` when an earlier process kept it there
    under ``kind`` (with the code that makes it), else made and kept. ``store`` None or switched off:
    always made."""
    if store is None or store.folder is None:
        return make()
    key = Cache.key(kind, _code(), *parts)
    kept = store.get(key)
    if kept is not None:
        try:
            return kept.decode("utf-8")
        except UnicodeDecodeError:  # not what this module writes: made anew
            pass
    text = make()
    with contextlib.suppress(UnicodeEncodeError):  # a lone surrogate is not UTF-8: used, not kept
        store.put(key, text.encode("utf-8"))
    return text
