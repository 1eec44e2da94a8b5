"""Stage 4: build the document context — the plain data contract that templates render.

``build_context`` lives in :mod:`conceptgen.document.context`; it is loaded on first use, so that
``check`` (which needs only the Markdown helpers of this package) does not import Babel.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Context", "build_context"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from conceptgen.document import context

        return getattr(context, name)
    raise AttributeError(f"module 'conceptgen.document' has no attribute {name!r}")
