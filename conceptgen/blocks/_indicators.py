"""What the blocks of indicators.yaml share: their parameter, their data."""

from __future__ import annotations

from typing import Any

from conceptgen.blocks._select import legend, only


def indicators_context(inputs: Any, params: Any) -> dict[str, Any]:
    """The indicators a block shows (``indicators``, all by default) and the sample legend."""
    indicators = only(inputs.context["indicators"], params.indicators)
    return {
        "indicators": indicators,
        "sample_note": legend(inputs.language, any(k["sample"] for k in indicators)),
    }
