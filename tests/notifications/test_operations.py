"""What operators rely on: the README documents every beat entry; Flower in docker-compose is behind a password."""

import re
from pathlib import Path

from recruit.celery import app

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_documents_every_beat_entry_with_its_task():
    readme = (ROOT / "README.md").read_text()
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| `([\w.]+)` \|", readme, flags=re.MULTILINE))
    assert {name: entry["task"] for name, entry in app.conf.beat_schedule.items()} == rows


def test_flower_asks_for_a_password_that_has_no_default_and_listens_on_localhost():
    compose = (ROOT / "docker-compose.yml").read_text()
    flower = compose.split("\n  flower:\n", 1)[1].split("\n\n", 1)[0]

    assert "FLOWER_BASIC_AUTH: ${FLOWER_BASIC_AUTH:?" in flower
    assert '"${FLOWER_BIND:-127.0.0.1}:5555:5555"' in flower
