"""conceptgen diff: two versions of projects/neuss — folders, or a folder at a git revision — give the
list of changed goals, indicators, measures, offers and texts, and an Änderungsnachweis document."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from docx import Document

from conceptgen.cli import INTERNAL_ERROR
from tests.conftest import NEUSS, replace_in


def _copy(tmp_path, name):
    target = tmp_path / name
    shutil.copytree(NEUSS, target, ignore=shutil.ignore_patterns("build", "templates"))
    return target


def _draft_and_final(tmp_path):
    draft, final = _copy(tmp_path, "entwurf"), _copy(tmp_path, "endfassung")
    replace_in(
        final / "indicators.yaml", "target: {value: 1850, year: 2028}", "target: {value: 1800, year: 2028}"
    )
    replace_in(
        final / "measures.yaml",
        "    title: Mobile Wohnhilfen\n",
        "    title: Mobile Wohnhilfen im ganzen Kreis\n",
    )
    text = (final / "measures.yaml").read_text(encoding="utf-8")
    cut = text.index('      - id: "3.4"')
    (final / "measures.yaml").write_text(text[:cut].rstrip() + "\n", encoding="utf-8")  # 3.4 dropped
    (final / "text" / "umsetzung.md").write_text(
        (final / "text" / "umsetzung.md").read_text(encoding="utf-8") + "\nEin Satz mehr.\n", encoding="utf-8"
    )
    return draft, final


def test_diff_of_two_folders(tmp_path, cli):
    draft, final = _draft_and_final(tmp_path)
    result = cli("diff", draft, final, "--docx", tmp_path / "aenderungen.docx")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    k1 = "~ Kennzahlen K1 Untergebrachte wohnungslose Personen"
    assert f"{k1}: Zielwert 1.850 (2028) → 1.800 (2028)" in lines
    renamed = "Mobile Wohnhilfen im ganzen Kreis"
    assert f"~ Maßnahmen 1.1 {renamed}: Titel Mobile Wohnhilfen → {renamed}" in lines
    assert any(line.startswith("- Maßnahmen 3.4 ") for line in lines)
    assert "~ Texte umsetzung text/umsetzung.md: 2 Zeilen geändert" in lines
    document = Document(str(tmp_path / "aenderungen.docx"))
    assert document.paragraphs[0].text == "Änderungsnachweis"
    rows = [[c.text for c in r.cells] for t in document.tables for r in t.rows]
    assert ["entfallen", "3.4", rows[[r[1] for r in rows].index("3.4")][2], ""] in rows
    assert cli("diff", draft, draft).output.strip() == "keine Änderungen"


def test_diff_against_a_git_revision(tmp_path, cli):
    repo = tmp_path / "repo"
    project = _copy(repo, "neuss")

    def git(*args):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "Entwurf")
    git("tag", "entwurf")
    replace_in(project / "measures.yaml", "    status: geplant\n", "    status: in Vorbereitung\n")
    result = cli("diff", f"{project}@entwurf", project)
    assert result.exit_code == 0, result.output
    assert any(": Stand geplant → in Vorbereitung" in line for line in result.output.splitlines())
    wrong = cli("diff", f"{project}@gibtsnicht", project)
    assert wrong.exit_code == 1 and "git kann" in wrong.output and "gibtsnicht" in wrong.output


def _repo(tmp_path):
    repo = tmp_path / "repo"
    project = _copy(repo, "neuss")

    def git(*args):
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
            cwd=repo,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "Entwurf")
    git("tag", "entwurf")
    return repo, project, git


@pytest.mark.parametrize(
    "revision", ["--output={file}", "-o{file}", "--remote=x", "--exec=touch {file}", "-", "--", "-h"]
)
def test_a_revision_that_git_would_read_as_an_option_is_refused(tmp_path, cli, revision):
    """Issue 25, item 10: ``neuss@--output=FILE`` emptied FILE; a revision is never an option."""
    _repository, project, _git = _repo(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    result = cli("diff", f"{project}@{revision.format(file=victim)}", project)
    assert result.exit_code == 1, result.output
    assert "CG633" in result.output
    assert victim.read_text(encoding="utf-8") == "keep me"


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need rights on Windows")
@pytest.mark.parametrize(
    "target",
    ["/etc/passwd", "/etc", "../../outside.txt", "../../../../../../etc/passwd", "x/../../.."],
)
def test_a_revision_with_a_link_out_of_the_project_is_refused(tmp_path, cli, target):
    repo, project, git = _repo(tmp_path)
    (repo / "outside.txt").write_text("geheim", encoding="utf-8")
    (project / "text" / "verweis.md").symlink_to(target)
    git("add", "-A")
    git("commit", "-qm", "Link")
    git("tag", "link")
    result = cli("diff", f"{project}@link", f"{project}@entwurf")
    assert result.exit_code == 1, result.output
    assert "CG010" in result.output and "text/verweis.md" in result.output
    assert INTERNAL_ERROR not in result.output


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need rights on Windows")
def test_a_link_inside_the_project_is_taken(tmp_path, cli):
    _repository, project, git = _repo(tmp_path)
    (project / "text" / "verweis.md").symlink_to("einleitung.md")
    git("add", "-A")
    git("commit", "-qm", "Link")
    git("tag", "link")
    result = cli("diff", f"{project}@entwurf", f"{project}@link")
    assert result.exit_code == 0, result.output
