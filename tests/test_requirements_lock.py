"""The Python locks (requirements/dev.txt for development and CI, requirements/prod.txt
for the image) pin what pyproject.toml asks for, within its ranges, with hashes.

A dependency added to pyproject.toml without `make lock` fails here, instead
of installing on one machine and not on the next.
"""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+)")


def pins(lock: Path) -> dict[str, str]:
    """name -> exact version, for every requirement of a lock; each must carry a hash."""
    found = {}
    for entry in re.split(r"\n(?=\S)", lock.read_text()):
        match = PIN.match(entry)
        if not match:
            continue
        assert "--hash=sha256:" in entry, f"{lock.name}: {match['name']} has no hash"
        found[canonicalize_name(match["name"])] = match["version"]
    return found


def declared(*, extras: tuple[str, ...]) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = list(project["dependencies"])
    for extra in extras:
        lines += project["optional-dependencies"][extra]
    return [Requirement(line) for line in lines]


@pytest.mark.parametrize(("lock", "extras"), [("dev.txt", ("dev",)), ("prod.txt", ())])
def test_the_lock_pins_every_declared_dependency_within_its_range(lock, extras):
    locked = pins(ROOT / "requirements" / lock)
    for requirement in declared(extras=extras):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement} is missing from requirements/{lock}: run `make lock`"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"requirements/{lock} pins {name}=={locked[name]}, outside {requirement}: run `make lock`"
        )


def test_the_image_runs_the_versions_development_tests():
    dev, prod = pins(ROOT / "requirements" / "dev.txt"), pins(ROOT / "requirements" / "prod.txt")
    assert set(prod) <= set(dev)
    assert {name: dev[name] for name in prod} == prod
