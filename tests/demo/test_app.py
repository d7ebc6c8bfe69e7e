"""The demo app stands apart: it builds on every other app, and none builds on it."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


def other_sources() -> list[Path]:
    """The project's Python files outside demo/ (and outside the tests, which test the demo too)."""
    packages = [path.parent for path in ROOT.glob("*/__init__.py") if path.parent.name not in ("demo", "tests")]
    return [ROOT / "manage.py", *(source for package in packages for source in package.rglob("*.py"))]


def test_no_other_app_imports_from_the_demo():
    sources = other_sources()
    importing = {
        str(source.relative_to(ROOT)): [name for name in imported_modules(source) if name.split(".")[0] == "demo"]
        for source in sources
    }

    # The scan reaches the apps it guards.
    assert {"recruit", "postings", "applicants"} <= {source.relative_to(ROOT).parts[0] for source in sources}
    assert {source: modules for source, modules in importing.items() if modules} == {}


def test_the_scan_sees_a_demo_import(tmp_path):
    source = tmp_path / "views.py"
    source.write_text("import demo.catalogue\nfrom demo.data import sessions\nfrom .demo import x\n")

    assert imported_modules(source) == {"demo.catalogue", "demo.data"}


def test_the_demo_is_installed_after_the_apps_it_builds_on():
    assert settings.INSTALLED_APPS[-1] == "demo"
