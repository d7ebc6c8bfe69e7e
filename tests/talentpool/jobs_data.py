"""A small pool for the scheduled jobs and the figures: two units with an open posting each, recruiters, and pool
candidates who match them."""

from postings.models import UnitMembership
from tests.factories import PostingFactory, UnitMembershipFactory, UserFactory

from .factories import category, pool_candidate, skills


def pool_world(unit_a, unit_b):
    """Unit A (Alibaba Cloud) has an infrastructure posting (CUDA, Go), unit B (Amap) a Python one; Ann wants
    infrastructure work and knows CUDA and Go, Ben knows Python, Cai knows CUDA."""
    infra = category("AI Infrastructure Engineer")
    infra.name_zh_hans = "AI基础设施工程师"
    infra.save()
    cuda, go, python = skills("CUDA", "Go", "Python")
    posting_a = PostingFactory(
        unit=unit_a, category=infra, skills=[cuda, go], title="Infrastructure Intern", title_zh_hans="基础设施实习生"
    )
    data = category("AI Data Engineer")
    posting_b = PostingFactory(
        unit=unit_b, category=data, skills=[python], title="Data Intern", title_zh_hans="数据实习生"
    )
    return {
        "posting_a": posting_a,
        "posting_b": posting_b,
        "ann": pool_candidate("Ann", categories=[infra], skills=[cuda, go]),
        "ben": pool_candidate("Ben", skills=[python]),
        "cai": pool_candidate("Cai", skills=[cuda]),
    }


def member(unit, *, email, name, role=UnitMembership.Role.RECRUITER, language=""):
    user = UserFactory(email=email, name=name, language=language)
    UnitMembershipFactory(user=user, unit=unit, role=role)
    return user
