"""The Sozialraum figures for the district teams as sheets: one per year (every area with its indicators,
and the indices with their z-scores, class and rank), and a sheet with the method — values protected as in
the documents (hidden values are „·“)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conceptgen.data.social import TOTAL
from conceptgen.document.social import SocialContext


@dataclass
class Sheet:
    """A worksheet: its name, header row, rows (numbers stay numbers) and the decimals of each column."""

    name: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    decimals: list[int | None] = field(default_factory=list)  # None: text
    widths: list[float] = field(default_factory=list)


def export_sheets(social: SocialContext) -> list[Sheet]:
    result, spec, terms = social.result, social.spec, social.terms
    sheets = []
    for year in reversed(result.years):
        indices = [i for i in spec.indices if year in result.indices.get(i.id, {})]
        indicators = [i for i in spec.indicators if year in result.values.get(i.id, {})]
        if not indicators:
            continue
        headers = [terms["social.code"], spec.unit, terms["export.kind"], terms["export.parent"]]
        decimals: list[int | None] = [None, None, None, None]
        for indicator in indicators:
            headers.append(f"{indicator.name} ({indicator.unit})")
            decimals.append(indicator.decimals)
        for index in indices:
            for name in index.indicators:
                headers.append(f"{index.name}: z {social.indicators[name].name}")
                decimals.append(3)
            headers += [
                index.name,
                f"{index.name}: {terms['social.class']}",
                f"{index.name}: {terms['social.rank']}",
            ]
            decimals += [3, None, 0]
        sheet = Sheet(str(year), headers, decimals=decimals)
        areas = [*result.units, *result.parents, TOTAL]
        for area in areas:
            known = social.areas.get(area)
            row: list[Any] = [
                known.code if known else "",
                known.name if known else spec_region(social),
                known.kind if known else "",
                social.areas[known.parent].name if known and known.parent in social.areas else "",
            ]
            for indicator in indicators:
                value = result.values[indicator.id][year].get(area)
                if value is None or value.value is None:
                    row.append(None)
                elif value.hidden:
                    row.append(spec.privacy.symbol)
                else:
                    row.append(round(value.value, indicator.decimals))
            for index in indices:
                entry = result.indices[index.id][year].entries.get(area)
                labels = result.indices[index.id][year].labels
                for name in index.indicators:
                    row.append(round(entry.scores[name], 3) if entry and name in entry.scores else None)
                if entry and entry.rated:
                    row += [round(entry.value, 3), labels[entry.cls], entry.rank]
                elif entry:
                    row += [None, terms[f"social.not_rated_{entry.reason}"], None]
                else:
                    row += [None, None, None]
            sheet.rows.append(row)
        sheet.widths = [6, 26, 18, 18] + [14] * (len(headers) - 4)
        sheets.append(sheet)
    method = social.method()
    lines = Sheet(
        terms["export.method"], [terms["export.method"], ""], decimals=[None, None], widths=[34, 90]
    )
    lines.rows.append([terms["export.unit"], f"{method['unit']} ({method['unit_count']})"])
    lines.rows.append([terms["export.years"], method["years"]])
    for indicator in method["indicators"]:
        lines.rows.append(
            [
                indicator["name"],
                f"{indicator['definition']} · {indicator['role']} · "
                f"{indicator['burden']} · {terms['export.weight']} {indicator['weight']}",
            ]
        )
    for index in method["indices"]:
        lines.rows.append([index["name"], f"{index['method']}. {index['formula']}. {index['weights']}"])
        for cls in index["classes"]:
            lines.rows.append([f"{index['name']}: {cls['label']}", f"{cls['rule']} ({cls['count']})"])
    lines.rows.append([terms["export.privacy"], method["privacy"]])
    lines.rows.append([terms["source"], method["source"]])
    sheets.append(lines)
    return sheets


def spec_region(social: SocialContext) -> str:
    return social.region()
