"""Reading a GeoJSON file as statistics offices deliver it, and refusing it where it breaks.

Every feature is checked before it is drawn: an object with properties, a Polygon or MultiPolygon of
rings of at least three positions, each position two finite numbers. A vertex at 0,0 (a missing
coordinate written as zero), NaN and Infinity are refused at their line in the file (CG629); a feature
is located at the line where it starts. Coordinates in another reference system (UTM in metres, as
offices deliver them) are reprojected to WGS84 when the system is declared — ``crs:`` of the geometry in
the YAML, or the file's own ``crs`` member — and refused when it is not (CG630): degrees are told from
metres by their range.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

from conceptgen.diagnostics import Diagnostic, DiagnosticError, Location, diagnostic

Ring = list[tuple[float, float]]
WGS84 = {"EPSG:4326", "OGC:CRS84", "CRS84", "URN:OGC:DEF:CRS:OGC:1.3:CRS84", "URN:OGC:DEF:CRS:EPSG::4326"}
_CONSTANT = re.compile(r"(?<=[\[,:\s])(-?Infinity|NaN)(?=[\s,\]}])")
MAX_PROBLEMS = 10


@dataclass
class Feature:
    """One feature as read: its code and name, its polygons (outer ring, holes) in WGS84 degrees."""

    number: int  # 1-based, as a consultant counts them in the file
    code: str
    name: str
    polygons: list[list[Ring]]


class _Constant(ValueError):
    pass


def _refuse_constant(token: str) -> float:
    raise _Constant(token)


def parse(text: str, display: str, where: Location) -> dict[str, Any]:
    """The file's JSON; NaN and Infinity (which Python's parser would take) refused at their line."""
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except _Constant as exc:
        match = _CONSTANT.search(text)
        offset = match.start() if match else 0
        line, column = _position(text, offset)
        raise DiagnosticError(
            _bad(
                f"„{exc}“ ist keine Koordinate (Feature {_feature_at(text, offset)})",
                Location(display, line, column),
            )
        ) from None
    except (json.JSONDecodeError, RecursionError) as exc:
        line = getattr(exc, "lineno", 0)
        raise DiagnosticError(
            diagnostic("CG007", f"{display} ist kein GeoJSON: {exc}", Location(display, line, 1))
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise DiagnosticError(
            diagnostic("CG007", f"{display} hat keine Features (eine GeoJSON-FeatureCollection)", where)
        )
    return data


def features(
    data: dict[str, Any],
    text: str,
    display: str,
    code: str,
    name: str | None,
    crs: str | None,
    where: Location,
) -> list[Feature]:
    """Every feature of the collection, checked and in WGS84 degrees. Raises DiagnosticError with the
    problems of all features (at most MAX_PROBLEMS)."""
    starts = _feature_starts(text)
    found: list[Feature] = []
    problems: list[Diagnostic] = []
    for n, feature in enumerate(data["features"], start=1):
        at = Location(display, *_position(text, starts[n - 1])) if n <= len(starts) else where
        try:
            found.append(_feature(n, feature, code, name, at))
        except DiagnosticError as exc:
            problems += exc.diagnostics
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise DiagnosticError(problems[:MAX_PROBLEMS])
    declared = crs or _file_crs(data)
    if declared and declared.upper() not in WGS84:
        return _reprojected(found, declared, display, where)
    outside = next((f for f in found if not _in_degrees(f.polygons)), None)
    if outside is not None:
        x, y = next(p for poly in outside.polygons for ring in poly for p in ring if not _degrees(p))
        raise DiagnosticError(
            diagnostic(
                "CG630",
                f"Koordinaten wie {x:.1f}, {y:.1f} in {display} (Feature {outside.number}) sind keine "
                "geografische Länge und Breite, und kein Koordinatenreferenzsystem ist angegeben",
                where,
                hint="es in der YAML angeben (crs: EPSG:25832 für UTM-Zone 32N, EPSG:25833 für 33N) oder "
                "die Datei in WGS84 (EPSG:4326) exportieren",
            )
        )
    return found


def _feature(n: int, feature: Any, code: str, name: str | None, at: Location) -> Feature:
    if not isinstance(feature, dict):
        raise DiagnosticError(_bad(f"Feature {n} ist kein Objekt, sondern {_kind(feature)}", at))
    properties = feature.get("properties")
    if properties is None:
        properties = {}
    if not isinstance(properties, dict):
        raise DiagnosticError(_bad(f"die properties von Feature {n} sind kein Objekt", at))
    if code not in properties or properties[code] in (None, ""):
        raise DiagnosticError(
            diagnostic(
                "CG601",
                f"Feature {n} hat keine Eigenschaft „{code}“",
                at,
                hint=f"Eigenschaften: {', '.join(map(str, properties)) or 'keine'}",
            )
        )
    shape = feature.get("geometry")
    kind = shape.get("type") if isinstance(shape, dict) else None
    if kind not in ("Polygon", "MultiPolygon"):
        raise DiagnosticError(
            diagnostic(
                "CG007",
                f"Feature {n} ist kein Polygon und kein MultiPolygon",
                at,
                hint="die Gebiete als Polygone exportieren (WGS84)",
            )
        )
    coordinates = shape.get("coordinates")
    polygons = [coordinates] if kind == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons:
        raise DiagnosticError(_bad(f"Feature {n} hat keine Koordinaten", at))
    read = [_polygon(n, polygon, at) for polygon in polygons]
    label = str(properties.get(name, "")) if name else ""
    return Feature(n, str(properties[code]).strip(), label, read)


def _polygon(n: int, polygon: Any, at: Location) -> list[Ring]:
    if not isinstance(polygon, list) or not polygon:
        raise DiagnosticError(_bad(f"Feature {n} hat ein Polygon ohne Ringe", at))
    rings = []
    for ring in polygon:
        if not isinstance(ring, list) or len(ring) < 3:
            raise DiagnosticError(_bad(f"Feature {n} hat einen Ring mit weniger als drei Positionen", at))
        rings.append([_position_of(n, position, at) for position in ring])
    return rings


def _position_of(n: int, position: Any, at: Location) -> tuple[float, float]:
    if (
        not isinstance(position, list)
        or len(position) < 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in position[:2])
    ):
        raise DiagnosticError(
            _bad(f"Feature {n} hat eine Position, die nicht aus zwei Zahlen besteht: {position!r}"[:160], at)
        )
    x, y = float(position[0]), float(position[1])
    if not (math.isfinite(x) and math.isfinite(y)):
        raise DiagnosticError(_bad(f"Feature {n} hat eine Position, die keine Zahl ist: {position!r}", at))
    if x == 0 and y == 0:
        raise DiagnosticError(
            _bad(
                f"Feature {n} hat einen Eckpunkt bei 0,0 — eine fehlende Koordinate, als null geschrieben",
                at,
                hint="er dehnte die Karte vom Äquator bis zum Gebiet; den Eckpunkt berichtigen oder "
                "streichen",
            )
        )
    return (x, y)


def _file_crs(data: dict[str, Any]) -> str | None:
    """The legacy ``crs`` member of GeoJSON 2008: ``{"type": "name", "properties": {"name": …}}``."""
    crs = data.get("crs")
    if isinstance(crs, dict) and isinstance(crs.get("properties"), dict):
        value = crs["properties"].get("name")
        return str(value) if value else None
    return None


def _reprojected(found: list[Feature], crs: str, display: str, where: Location) -> list[Feature]:
    """The features' coordinates from ``crs`` into WGS84 degrees (longitude first, as GeoJSON has it)."""
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError

    try:
        source = CRS.from_user_input(crs)
    except CRSError:
        raise DiagnosticError(
            diagnostic(
                "CG630",
                f"unbekanntes Koordinatenreferenzsystem „{crs}“ in {display}",
                where,
                hint="ein EPSG-Code: EPSG:25832 (UTM-Zone 32N), EPSG:25833 (33N), EPSG:4326 (WGS84)",
            )
        ) from None
    transformer = Transformer.from_crs(source, "EPSG:4326", always_xy=True)
    result = []
    for feature in found:
        polygons = []
        for polygon in feature.polygons:
            rings = []
            for ring in polygon:
                xs, ys = transformer.transform([p[0] for p in ring], [p[1] for p in ring])
                rings.append([(float(x), float(y)) for x, y in zip(xs, ys, strict=True)])
            polygons.append(rings)
        points = [p for polygon in polygons for ring in polygon for p in ring]
        if not all(math.isfinite(x) and math.isfinite(y) and _degrees((x, y)) for x, y in points):
            raise DiagnosticError(
                diagnostic(
                    "CG630",
                    f"die Koordinaten von Feature {feature.number} liegen nicht in {crs}",
                    where,
                    hint="das Koordinatenreferenzsystem prüfen, in dem die Datei exportiert wurde",
                )
            )
        result.append(Feature(feature.number, feature.code, feature.name, polygons))
    return result


def _degrees(point: tuple[float, float]) -> bool:
    return -180 <= point[0] <= 180 and -90 <= point[1] <= 90


def _in_degrees(polygons: list[list[Ring]]) -> bool:
    return all(_degrees(p) for polygon in polygons for ring in polygon for p in ring)


def _bad(message: str, where: Location, hint: str = "") -> Diagnostic:
    return diagnostic(
        "CG629", message, where, hint=hint or "die Datei in dem GIS berichtigen, aus dem sie stammt"
    )


def _kind(value: Any) -> str:
    return {
        str: "ein Text",
        int: "eine Zahl",
        float: "eine Zahl",
        list: "eine Liste",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _feature_starts(text: str) -> list[int]:
    """Where each element of the top-level ``features`` array starts (for locations); empty when the
    text cannot be walked (it was parsed already, so this is only a fallback)."""
    decoder = json.JSONDecoder()
    try:
        i = _skip(text, 0)
        if text[i] != "{":
            return []
        i = _skip(text, i + 1)
        while i < len(text) and text[i] != "}":
            key, i = decoder.raw_decode(text, i)
            i = _skip(text, _skip(text, i) + 1)  # past the colon
            if key == "features" and text[i] == "[":
                starts = []
                i = _skip(text, i + 1)
                while text[i] != "]":
                    starts.append(i)
                    _value, i = decoder.raw_decode(text, i)
                    i = _skip(text, i)
                    if text[i] == ",":
                        i = _skip(text, i + 1)
                return starts
            _value, i = decoder.raw_decode(text, i)
            i = _skip(text, i)
            if text[i] == ",":
                i = _skip(text, i + 1)
    except (ValueError, IndexError):
        return []
    return []


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def _feature_at(text: str, offset: int) -> int:
    starts = _feature_starts(text)
    return sum(1 for s in starts if s <= offset) or 1
