"""Find templates for a project: the project's own, the workspace's, then the built-in ones."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, ValidationError, field_validator

from conceptgen.diagnostics import Diagnostic, DiagnosticError, Location, diagnostic, did_you_mean, relative
from conceptgen.loading import inside
from conceptgen.loading.yaml_loader import format_path, load_yaml
from conceptgen.model.base import StrictModel
from conceptgen.render.styles import STYLE_KEYS

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TEMPLATE_FILE = "template.docx"
TEMPLATE_CONFIG = "template.yaml"


class TemplateConfig(StrictModel):
    """template.yaml: what a template needs from a project."""

    name: str
    description: str | None = None
    required_texts: list[str] = Field(default_factory=list)
    optional_texts: list[str] = Field(default_factory=list)
    styles: dict[str, str] = Field(
        default_factory=dict,
        description="style names Markdown maps to: body, cell, quote, list, table, caption, footnote_text …",
    )

    palette: list[str] = Field(
        default_factory=lambda: [
            "1F4E79",
            "C55A11",
            "7F9FBF",
            "E2A16F",
            "548235",
            "A5A5A5",
            "7030A0",
            "BF9000",
        ],
        description="chart colours as hex RGB, in series order",
    )
    font: str = Field("Arial", description="font of chart texts")

    @field_validator("palette")
    @classmethod
    def _hex_colours(cls, value: list[str]) -> list[str]:
        import re

        bad = [c for c in value if not re.fullmatch(r"[0-9A-Fa-f]{6}", c)]
        if bad or not value:
            raise ValueError(f"palette needs hex colours like 1F4E79, not {bad or 'nothing'}")
        return [c.upper() for c in value]

    @field_validator("styles")
    @classmethod
    def _known_style_keys(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - set(STYLE_KEYS))
        if unknown:
            raise ValueError(f"unknown style keys {unknown}; known: {', '.join(STYLE_KEYS)}")
        return value


@dataclass(frozen=True)
class Template:
    """A template folder: template.docx and its template.yaml."""

    name: str
    folder: Path
    config: TemplateConfig

    @property
    def docx(self) -> Path:
        return self.folder / TEMPLATE_FILE


def template_roots(project_root: Path) -> list[Path]:
    """Folders searched for templates, most specific first."""
    roots = [project_root / "templates"]
    for parent in project_root.resolve().parents:
        candidate = parent / "templates"
        if candidate.is_dir():
            roots.append(candidate)
            break
    roots.append(BUILTIN_TEMPLATES)
    unique: list[Path] = []
    for root in roots:
        if root.resolve() not in [u.resolve() for u in unique]:
            unique.append(root)
    return unique


def find_template(name: str, project_root: Path, location: Location) -> Template:
    """Resolve a template name. Raises DiagnosticError (CG401/CG403) when it is unknown or broken."""
    roots = [r for r in template_roots(project_root) if r.is_dir()]
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise DiagnosticError(
            diagnostic("CG401", f"template name '{name}' must be a plain folder name", location)
        )
    for root in roots:
        folder = root / name
        if (folder / TEMPLATE_FILE).is_file():
            # a template must lie in the folder it is found in: the project's templates/ may not link
            # to files elsewhere (templates are untrusted and paths stay inside the project)
            owner = project_root if root == project_root / "templates" else root
            for path in (folder, folder / TEMPLATE_FILE, folder / TEMPLATE_CONFIG):
                if path.exists() and not inside(path, owner):
                    raise DiagnosticError(
                        diagnostic(
                            "CG010",
                            f"template '{name}' leads outside {relative(owner)} (to {path.resolve()})",
                            location,
                            hint="copy the template folder instead of linking to it",
                        )
                    )
            return Template(name, folder, _load_config(folder, name))
    known = sorted({p.name for root in roots for p in root.iterdir() if (p / TEMPLATE_FILE).is_file()})
    hint = did_you_mean(name, known) or (f"available: {', '.join(known)}" if known else "no templates found")
    raise DiagnosticError(diagnostic("CG401", f"unknown template '{name}'", location, hint=hint))


def _load_config(folder: Path, name: str) -> TemplateConfig:
    path = folder / TEMPLATE_CONFIG
    if not path.is_file():
        return TemplateConfig(name=name)
    loaded = load_yaml(path, relative(path))
    try:
        return TemplateConfig.model_validate(loaded.data)
    except ValidationError as exc:
        problems: list[Diagnostic] = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            problems.append(
                diagnostic(
                    "CG403",
                    f"template.yaml: {error['msg']}",
                    loaded.source_map.locate(loc),
                    key_path=format_path(loc),
                )
            )
        raise DiagnosticError(problems) from None
