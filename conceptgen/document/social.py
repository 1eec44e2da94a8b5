"""A Sozialraumanalyse in the document: the method stated from its declaration, the ranking table, the
status × dynamics groups, and each area's profile (key figures against its parent area and the region,
class, rank, change, offers) — numbers formatted, values that data protection hides shown as „·“.
"""

from __future__ import annotations

from typing import Any

from conceptgen.data.social import TOTAL, SocialResult, Value
from conceptgen.document.tables import DataTable
from conceptgen.doubled_words import same_word
from conceptgen.language import Language
from conceptgen.model import Concept
from conceptgen.model.social import AreaIndicator, Burden, ClassMethod, IndexMethod

Context = dict[str, Any]


class SocialContext:
    """Formats one analysis for the document."""

    def __init__(self, result: SocialResult, concept: Concept, language: Language):
        self.result = result
        self.spec = result.spec
        self.concept = concept
        self.language = language
        self.terms = language.terms
        self.areas = {a.id: a for a in concept.areas}
        self.indicators = {i.id: i for i in self.spec.indicators}
        self.profiles: dict[str, Context] = {}  # an area's profile block, made once (social_blocks.profile)

    # --- values ----------------------------------------------------------------------------------

    def value(self, indicator: AreaIndicator, value: Value | None) -> str:
        """A value as the document shows it: formatted, „·“ when hidden, „–“ when missing."""
        if value is None or value.value is None:
            return self.terms["none"]
        if value.hidden:
            return self.spec.privacy.symbol
        return self.language.number(value.value, indicator.decimals)

    def change(self, indicator: AreaIndicator, area: str, year: int) -> str:
        """The change since the previous year with data, with its unit: „+2,1 %-Punkte“ for a share
        (percentage points: „+2,1 %“ would read as a relative change), „+8,4 je 1.000“ for a rate."""
        before = self.result.previous(year)
        if before is None:
            return self.terms["none"]
        now = self.result.values.get(indicator.id, {}).get(year, {}).get(area)
        then = self.result.values[indicator.id].get(before, {}).get(area)
        if now is None or then is None or now.value is None or then.value is None:
            return self.terms["none"]
        if now.hidden or then.hidden:
            return self.spec.privacy.symbol
        delta = now.value - then.value
        text = self.language.number(abs(delta), indicator.decimals)
        shown_zero = not any(digit in text for digit in "123456789")  # −0,04 is printed 0,0: no sign
        sign = "±" if shown_zero else ("+" if delta > 0 else "−")
        unit = self.change_unit(indicator)
        return f"{sign}{text}\u00a0{unit}" if unit else f"{sign}{text}"

    def change_unit(self, indicator: AreaIndicator) -> str:
        """The unit of a change: points for a share („%-Punkte“, „‰-Punkte“), else the indicator's unit,
        never parted from its figure or within itself („je 1.000“ on one line)."""
        points = {"%": "social.points_percent", "‰": "social.points_permille"}.get(indicator.unit.strip())
        unit = self.terms[points] if points else indicator.unit.strip()
        return unit.replace(" ", "\u00a0")

    def privacy_note(self, secondary: bool = False) -> str:
        """The legend of the symbol; with ``secondary`` (a value hidden only so that another cannot be
        computed back from the total) also that reason — the primary one does not hold for it."""
        privacy = self.spec.privacy
        note = self.terms(
            "social.privacy", symbol=privacy.symbol, count=privacy.min_count, base=privacy.min_base
        )
        if secondary:  # two sentences: the first ends with its full stop („…; Datenschutz).“)
            note = note.rstrip()
            note += ("" if note[-1:] in ".!?" else ".") + " "
            note += self.terms("social.privacy_secondary", symbol=privacy.symbol)
        return note

    def _secondary_in_profile(self, area_id: str, parent: str | None, year: int) -> bool:
        """Whether a profile's table (the area, its parent, the city; this year and the one before,
        whose values its change is made of) shows a secondarily hidden value."""
        areas = [area_id, *([parent] if parent else []), TOTAL]
        before = self.result.previous(year)
        return self._secondary(areas, year) or (before is not None and self._secondary([area_id], before))

    def _secondary(self, area_ids: list[str], year: int) -> bool:
        """Whether a value of these areas in ``year`` is hidden by secondary suppression."""
        return any(
            by_year.get(year, {}).get(a) is not None and by_year[year][a].hidden == "secondary"
            for by_year in self.result.values.values()
            for a in area_ids
        )

    def privacy_rule(self) -> str:
        """What data protection holds back, as a sentence (the method states the rule; the legend of the
        symbol goes only under a table that shows it)."""
        privacy = self.spec.privacy
        return self.terms("social.privacy_rule", count=privacy.min_count, base=privacy.min_base)

    def _hidden(self, rows: list[Context]) -> bool:
        """Whether a profile's table shows a value that data protection holds back."""
        symbol = self.spec.privacy.symbol
        return any(symbol in (r["value"], r["parent"], r["region"], r["change"]) for r in rows)

    def region(self) -> str:
        """How tables name the whole city or county: ``social_space.region``, else „Stadt gesamt“ (never
        the client, which may be an office: „Jugendamt der Stadt Dortmund“)."""
        return self.spec.region or self.terms["region_total"]

    def years_text(self, years: list[int]) -> str:
        """„des Jahres 2024“, „der Jahre 2022 und 2024“, „der Jahre 2000, 2014, 2022 und 2024“."""
        if len(years) == 1:
            return self.terms("years.one", year=years[0])
        return self.terms("years.many", years=self.terms.listing([str(y) for y in years]))

    def sample_note(self) -> str:
        marked = any(d.sample for d in self.spec.data) or any(i.sample for i in self.spec.indicators)
        return self.terms["sample"] if marked else ""

    def source_line(self) -> str:
        sources = sorted({d.source for d in self.spec.data})
        text = f"{self.terms['source']}: {', '.join(sources)}; {self.terms['own_calculation']}"
        note = self.sample_note()
        return f"{text} ({note})" if note else text

    # --- the method ------------------------------------------------------------------------------

    def method(self) -> Context:
        """``block`` of index_method: what the analysis does, in words and numbers."""
        result, terms, fmt = self.result, self.terms, self.language
        indicators = [self._method_indicator(indicator) for indicator in self.spec.indicators]
        indices = []
        for index in self.spec.indices:
            computed = result.indices.get(index.id, {}).get(result.year)
            limits = computed.limits if computed else [float(v) for v in index.classes.limits]
            classes = []
            for k, label in enumerate(index.classes.labels):
                low = fmt.number(limits[k - 1], 2) if k > 0 else None
                high = fmt.number(limits[k], 2) if k < len(limits) else None
                if low is None:
                    rule = terms("social.class_upto", high=high)
                elif high is None:
                    rule = terms("social.class_above", low=low)
                else:
                    rule = terms("social.class_between", low=low, high=high)
                count = sum(1 for e in computed.entries.values() if e.cls == k) if computed else 0
                classes.append({"label": label, "rule": rule, "count": count})
            weights = ", ".join(
                f"{self.indicators[name].name} {fmt.number(w)}" for name, w in index.indicators.items()
            )
            method = "zscore" if index.method is IndexMethod.ZSCORE else "rank"
            indices.append(
                {
                    "id": index.id,
                    "name": index.name,
                    "method": terms[f"social.method_{method}"],
                    "formula": terms[f"social.formula_{method}"],
                    "weights": weights,
                    "dynamic": (
                        terms("social.dynamic", years=index.dynamic)
                        if index.dynamic and index.dynamic > 1
                        else (terms["social.dynamic_1"] if index.dynamic else "")
                    ),
                    "classes": classes,
                    "classes_by": terms[
                        "social.by_quantiles"
                        if index.classes.method is ClassMethod.QUANTILES
                        else "social.by_thresholds"
                    ],
                    "min_population": fmt.number(index.min_population),
                    "rated": len(computed.rated()) if computed else 0,
                }
            )
        return {
            "unit": self.spec.unit,
            "unit_count": len(result.units),
            "year": result.year,
            "years": ", ".join(map(str, result.years)),
            "years_text": self.years_text(result.years),
            "indicators": indicators,
            "indices": indices,
            "privacy": self.privacy_rule(),
            "source": self.source_line(),
        }

    # --- tables ----------------------------------------------------------------------------------

    def ranking(self, index_id: str, year: int | None = None) -> DataTable | None:
        """The areas by rank in an index: code, name, parent, index value, class, indicators."""
        year = year or self.result.year
        computed = self.result.indices.get(index_id, {}).get(year)
        index = next((i for i in self.spec.indices if i.id == index_id), None)
        if computed is None or index is None:
            return None
        terms, fmt = self.terms, self.language
        shown = [self.indicators[name] for name in index.indicators]
        headers = [terms["social.rank"], self.spec.unit, index.name, terms["social.class"]]
        headers += [f"{i.name} ({i.unit})" for i in shown]
        order = sorted(
            self.result.units,
            key=lambda a: (
                computed.entries[a].rank is None,
                computed.entries[a].rank or 0,
                self.areas[a].code,
            ),
        )
        rows = []
        for area in order:
            entry = computed.entries[area]
            name = f"{self.areas[area].code} {self.areas[area].name}".strip()
            values = [self.value(i, self.result.values.get(i.id, {}).get(year, {}).get(area)) for i in shown]
            if entry.rated:
                rows.append(
                    [str(entry.rank), name, fmt.number(entry.value, 2), computed.labels[entry.cls], *values]
                )
            else:
                rows.append(["", name, terms["none"], terms[f"social.not_rated_{entry.reason}"], *values])
        title = terms("social.ranking_title", index=index.name, unit=terms.noun(self.spec.unit), year=year)
        note = (
            self.privacy_note(self._secondary(list(self.result.units), year))
            if any(self.spec.privacy.symbol in r for r in rows)
            else ""
        )
        return DataTable(
            f"rang-{index_id}",
            title,
            headers,
            [True, False, True, False, *([True] * len(shown))],
            rows,
            source=self.source_line(),
            note=note,
        )

    def groups(self, status_id: str, dynamic_id: str) -> DataTable | None:
        """How many areas fall into each status × dynamics group."""
        year = self.result.year
        status = self.result.indices.get(status_id, {}).get(year)
        dynamic = self.result.indices.get(dynamic_id, {}).get(year)
        if status is None or dynamic is None:
            return None
        names = {i.id: i.name for i in self.spec.indices}
        headers = [f"{names[status_id]} \\ {names[dynamic_id]}", *dynamic.labels, self.terms["total"]]
        rows = []
        for s, label in enumerate(status.labels):
            counts = [
                sum(
                    1
                    for a in self.result.units
                    if status.entries[a].cls == s and dynamic.entries.get(a) and dynamic.entries[a].cls == d
                )
                for d in range(len(dynamic.labels))
            ]
            rows.append([label, *map(str, counts), str(sum(counts))])
        title = self.terms(
            "social.groups_title", status=names[status_id], dynamic=names[dynamic_id], year=year
        )
        return DataTable(
            f"gruppen-{status_id}-{dynamic_id}",
            title,
            headers,
            [False, *([True] * (len(dynamic.labels) + 1))],
            rows,
            source=self.source_line(),
        )

    # --- one area --------------------------------------------------------------------------------

    def profile(self, area_id: str) -> Context:
        """``block`` of area_profile (without its pictures, which document/maps.py adds)."""
        result, fmt = self.result, self.language
        year = result.year
        area = self.areas[area_id]
        parent = self.areas.get(area.parent or "")
        rows = self._profile_rows(area_id, area.parent if parent else None, year)
        indices = self._profile_indices(area_id, year)
        population = None
        for index in self.spec.indices:
            from conceptgen.data.social_index import population as people

            population = people(result, index.population, year, area_id)
            if population is not None:
                break
        offers = [o for o in self.concept.offers if o.area == area_id]
        return {
            "id": area.id,
            "code": area.code or "",
            "name": area.name,
            "kind": area.kind or "",
            "parent": parent.name if parent else "",
            "parent_kind": _kind_unless_named(parent),
            "parent_header": self._parent_header(area, parent),
            "region": self.region(),
            "population": fmt.number(population) if population is not None else "",
            "year": year,
            "previous_year": result.previous(year) or "",
            "rows": rows,
            "indices": indices,
            "offers": self._profile_offers(offers),
            "privacy": self.privacy_note(self._secondary_in_profile(area_id, area.parent, year))
            if self._hidden(rows)
            else "",
            "change_header": self._change_header(year),
            "source": self.source_line(),
        }

    def _profile_rows(self, area_id: str, parent: str | None, year: int) -> list[Context]:
        """An area's value of each indicator, beside its parent's and the region's, and its change."""
        rows = []
        for indicator in self.spec.indicators:
            by_year = self.result.values.get(indicator.id, {})
            shown = max((y for y in by_year if y <= year and by_year[y].get(area_id)), default=year)
            values = by_year.get(shown, {})
            mark = f" ({shown})" if shown != year else ""  # an indicator known only for earlier years
            rows.append(
                {
                    "name": indicator.name,
                    "unit": indicator.unit,
                    "value": self.value(indicator, values.get(area_id)) + mark,
                    "parent": self.value(indicator, values.get(parent)) if parent else "",
                    "region": self.value(indicator, values.get(TOTAL)),
                    "change": self.change(indicator, area_id, year) if not mark else self.terms["none"],
                    "context": indicator.context,
                    "burden": indicator.burden is Burden.HIGH,
                }
            )
        return rows

    def _profile_offers(self, offers: list[Any]) -> list[Context]:
        """The offers in an area, sample offers with their mark."""
        return [
            {
                "name": o.name + (self.language.terms["sample_mark"] if o.sample else ""),
                "provider": o.provider,
                "category": next((c.name for c in self.concept.categories if c.id == o.category), o.category),
            }
            for o in offers
        ]

    def _profile_indices(self, area_id: str, year: int) -> list[Context]:
        """An area's value, class and rank in each index, with its class and rank the year before."""
        result, fmt = self.result, self.language
        indices = []
        for index in self.spec.indices:
            computed = result.indices.get(index.id, {}).get(year)
            if computed is None or area_id not in computed.entries:
                continue
            entry = computed.entries[area_id]
            before = result.previous(year)
            earlier = result.indices.get(index.id, {}).get(before) if before else None
            old = earlier.entries.get(area_id) if earlier else None
            indices.append(
                {
                    "name": index.name,
                    "rated": entry.rated,
                    "value": fmt.number(entry.value, 2) if entry.rated else self.terms["none"],
                    "class": computed.labels[entry.cls]
                    if entry.rated
                    else self.terms[f"social.not_rated_{entry.reason}"],
                    "rank": str(entry.rank) if entry.rated else "",
                    "of": str(len(computed.rated())),
                    "previous_class": self._previous_class(earlier, old, index),
                    "previous_rank": str(old.rank) if old and old.rated else "",
                    "previous_year": before or "",
                }
            )
        return indices

    def _previous_class(self, earlier: Any, old: Any, index: Any) -> str:
        """The class the year before; when the index was computed then but the area not rated, why —
        naming the indicators without a value („nicht bewertet, kein Wert für Kinderarmut“: Syburg's
        other values of 2022 are printed, its changes since then too)."""
        if earlier is None:
            return ""
        if old is not None and old.rated:
            return earlier.labels[old.cls]
        reason = old.reason if old is not None and old.reason else "missing"
        names = {i.id: i.name for i in self.spec.indicators}
        lacking = [names[n] for n, w in index.indicators.items() if w > 0 and old and n not in old.raw]
        if reason != "missing" or not lacking:
            return self.terms[f"social.was_not_rated_{reason}"]
        return self.terms("social.was_not_rated_lacking", names=self.terms.listing(lacking))

    @staticmethod
    def _parent_header(area: Any, parent: Any) -> str:
        """The parent's column: its name — with its kind where that is the area's name too, or the
        header would read „Eving | Eving“ for the district Eving in the Stadtbezirk Eving."""
        if parent is None:
            return ""
        kind = parent.kind or "" if parent.name == area.name else _kind_unless_named(parent)
        return f"{kind} {parent.name}".strip()

    def _change_header(self, year: int) -> str:
        """„Veränderung seit 2022“ (spelled out: „Veränd.“ was read as unexplained), or „Veränderung“
        when there is no earlier year. The unit stands in each cell („+2,1 %-Punkte“): in the header —
        „(Prozentpunkte bzw. je 1.000)“ — it wrapped the narrow column onto a second page (Hafen)."""
        before = self.result.previous(year)
        return self.terms("years.change_since", year=before) if before else self.terms["years.change"]

    def _method_indicator(self, indicator: AreaIndicator) -> Context:
        """One row of the method's indicator table: definition (or formula), unit, direction, role, weight."""
        terms, fmt = self.terms, self.language
        weights = [i.indicators.get(indicator.id) for i in self.spec.indices]
        weight = next((w for w in weights if w), None)
        declared = next(d for d in self.spec.data if d.id == indicator.data)
        labels = {c.key: c.label or c.name for c in declared.columns}
        if indicator.base:
            formula = terms(
                "social.formula",
                value=labels.get(indicator.value, indicator.value),
                base=labels.get(indicator.base, indicator.base),
                per=fmt.number(indicator.per),
            )
        else:
            formula = labels.get(indicator.value, indicator.value)
        return {
            "id": indicator.id,
            "name": indicator.name,
            "definition": indicator.definition or formula,
            "formula": formula,
            "unit": indicator.unit,
            "burden": terms["none"]
            if indicator.context
            else terms[f"social.burden_{indicator.burden.value}"],
            "context": indicator.context,
            "role": terms["social.context"] if indicator.context else terms["social.indexed"],
            "weight": fmt.number(weight) if weight else terms["none"],
        }


def _kind_unless_named(area: Any) -> str:
    """An area's kind to write before its name, unless the name begins with it („Stadtbezirk Nord“ is
    not „Stadtbezirk Stadtbezirk Nord“)."""
    if area is None or not area.kind:
        return ""
    first = area.name.split()[0] if area.name.split() else ""
    return "" if same_word(first, area.kind.split()[-1]) else area.kind
