"""A small season for invitations: unit A turned Alice down (a skills gap, after an interview) for an AI Agent
role; unit B has an open AI Agent role that matches her. Rita recruits for A, Ron for B (tests/conftest.py).

Each test module makes it its `season` fixture: `make_season(unit_a, unit_b)`, with MEDIA_ROOT set to a scratch
folder (the resumes)."""

from dataclasses import dataclass

from applicants.models import Application
from talentpool.models import PoolEntry
from tests.factories import LocationFactory, PostingFactory, ProgramFactory, RoleCategoryFactory, SkillFactory

from .factories import past_application, pool_candidate

S = Application.Status


@dataclass
class Season:
    program: object
    category: object
    posting_a: object
    posting_b: object
    candidate: object
    entry: PoolEntry
    turndown: object


def make_season(unit_a, unit_b) -> Season:
    unit_b.name_zh_hans = "高德"
    unit_b.save()
    program = ProgramFactory()
    agent = RoleCategoryFactory(name="AI Agent Optimization Engineer", name_zh_hans="AI Agent优化工程师")
    python, cuda = SkillFactory(name="Python"), SkillFactory(name="CUDA")
    hangzhou = LocationFactory(name="Hangzhou", name_zh_hans="杭州")
    posting_a = PostingFactory(
        program=program, unit=unit_a, category=agent, title="Cloud Agent Intern", skills=[python]
    )
    posting_b = PostingFactory(
        program=program,
        unit=unit_b,
        category=agent,
        title="Map Agent Intern",
        title_zh_hans="地图智能体实习生",
        skills=[python, cuda],
        locations=[hangzhou],
    )
    alice = pool_candidate("Alice", skills=[python, cuda], categories=[agent], locations=[hangzhou])
    turndown = past_application(alice, posting_a, reached=S.INTERVIEW)
    entry = PoolEntry.objects.get(candidate=alice)
    assert entry.is_available
    return Season(program, agent, posting_a, posting_b, alice, entry, turndown)
