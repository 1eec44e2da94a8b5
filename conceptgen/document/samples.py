"""What a project marks as sample content, said precisely (for the cover and the source lines)."""

from __future__ import annotations

from conceptgen.model import Concept
from conceptgen.terms import Terms


def sample_items(concept: Concept, terms: Terms, shown: set[str] | None = None) -> list[str]:
    """What is sample content, precisely: offers, capacities, measures, indicator values, data — of a
    document whose blocks show ``shown`` (``kind:id``, Block.samples) only those (None: everything), so
    that the cover promises nothing the document does not show."""

    def seen(kind: str, ident: str) -> bool:
        return shown is None or f"{kind}:{ident}" in shown

    offers = [o.name for o in concept.offers if o.sample and seen("offer", o.id)]
    capacities = [
        o.name
        for o in concept.offers
        if o.capacity and o.capacity.sample and not o.sample and seen("capacity", o.id)
    ]
    items = [m for m in concept.measures if m.sample and seen("measure", m.id)]
    tasks = [t for m in concept.measures if not m.sample for t in m.tasks if t.sample and seen("task", t.id)]
    indicators = [
        k.id + (f" ({', '.join(str(y) for y in k.sample_years)})" if not k.sample else "")
        for k in concept.indicators
        if (k.sample or k.sample_years) and seen("indicator", k.id)
    ]
    datasets = _distinct_sources(
        {d.source or d.id for d in concept.datasets if d.sample or any(col.sample for col in d.columns)}
    )
    labels = terms
    found = []
    if items:
        word = labels["measures"] if len(items) > 1 else labels["ref.mass"]
        with_tasks = f" ({labels['with_tasks']})" if any(m.tasks for m in items) else ""
        found.append(f"{word} {', '.join(m.id for m in items)}{with_tasks}")
    if tasks:
        word = labels["tasks"] if len(tasks) > 1 else labels["task"]
        found.append(f"{word} {', '.join(t.id for t in tasks)}")
    for key, kind, marked in (("networks", "network", concept.networks), ("events", "event", concept.events)):
        names = [
            getattr(item, "name", None) or getattr(item, "title", "")
            for item in marked
            if item.sample and seen(kind, item.id)
        ]
        if names:
            found.append(f"{labels[key]} {', '.join(names)}")
    counted = [
        labels(f"{key}_1") if len(items) == 1 else labels(f"{key}_n", n=len(items))
        for key, items in (("offers", offers), ("capacities", capacities))
        if items
    ]
    if counted:
        found.append(labels("offers_marked", items=f" {labels['and']} ".join(counted)))
    if indicators:
        found.append(f"{labels['indicator_values']} {', '.join(indicators)}")
    if datasets:
        found.append(labels("data_from", sources=", ".join(datasets)))
    return found


def _distinct_sources(sources: set[str]) -> list[str]:
    """The sources, each once: one that only adds a detail (``…, 31.12.2023``) to another is named by
    the shorter, which is true of both („IT.NRW, Statistik …, IT.NRW, Statistik …, 31.12.2023“ before)."""
    return sorted(s for s in sources if not any(s != t and s.startswith(t + ",") for t in sources))
