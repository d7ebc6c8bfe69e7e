"""The pool pages as a recruiter uses them: search, profile (logged), a posting's suggestions, dismiss; odd input;
query counts that do not grow with the pool."""

import pytest
from django.urls import reverse

from talentpool.models import PoolView, Suggestion
from tests.factories import PostingFactory, UnitMembershipFactory, close_posting

from .factories import category, pool_candidate, skills


@pytest.fixture
def catalogue(db):
    python, go = skills("Python", "Go")
    python.name_zh_hans = "Python"
    python.save()
    agents = category("AI Agent Engineer")
    agents.name_zh_hans = "AI智能体工程师"
    agents.save()
    return {"python": python, "go": go, "agents": agents}


@pytest.fixture
def posting(unit_a, catalogue):
    return PostingFactory(
        unit=unit_a, category=catalogue["agents"], skills=[catalogue["python"], catalogue["go"]], title="Agent Intern"
    )


def add_pool(catalogue, count, *, prefix="Pool"):
    return [
        pool_candidate(
            f"{prefix}{n}",
            skills=[catalogue["python"]],
            categories=[catalogue["agents"]],
            resume_text=f"Python agents, project {n}.",
        )
        for n in range(count)
    ]


def test_the_pool_lists_its_candidates_with_their_facts(client, recruiter_a, catalogue):
    add_pool(catalogue, 2)
    client.force_login(recruiter_a)
    page = client.get(reverse("pool:home")).content.decode()
    assert "Pool0" in page and "Pool1" in page
    assert "Zhejiang University" in page and "Python" in page
    assert "2 candidates" in page


def test_the_results_come_25_a_page(client, recruiter_a, catalogue):
    add_pool(catalogue, 27)
    client.force_login(recruiter_a)
    first = client.get(reverse("pool:home")).content.decode()
    assert "1–25 of 27 candidates" in first
    second = client.get(reverse("pool:home") + "?page=2").content.decode()
    assert "26–27 of 27 candidates" in second


def test_the_search_page_query_count_does_not_grow_with_the_pool(
    client, recruiter_a, catalogue, posting, django_assert_max_num_queries
):
    add_pool(catalogue, 2)
    client.force_login(recruiter_a)
    url = reverse("pool:home") + f"?q=python&skill=python&category={catalogue['agents'].slug}&degree=master"
    client.get(url)
    # On PostgreSQL the keyword search looks among the newest entries first (search._newest): one query more, and
    # at most two per step of NEWEST_STEPS on a pool larger than its first step.
    with django_assert_max_num_queries(15) as small:
        assert client.get(url).status_code == 200
    count = len(small.captured_queries)
    add_pool(catalogue, 30, prefix="More")
    with django_assert_max_num_queries(count):
        response = client.get(url)
    assert "25 of 32 candidates" in response.content.decode()


def test_the_posting_page_query_count_does_not_grow_with_its_suggestions(
    client, recruiter_a, catalogue, posting, django_assert_max_num_queries
):
    add_pool(catalogue, 2)
    client.force_login(recruiter_a)
    url = reverse("pool:posting", args=[posting.pk])
    client.get(url)
    with django_assert_max_num_queries(10) as small:
        client.get(url)
    count = len(small.captured_queries)
    add_pool(catalogue, 20, prefix="More")
    Suggestion.objects.all().delete()
    client.get(url)
    with django_assert_max_num_queries(count):
        response = client.get(url)
    assert response.content.decode().count('class="pool-card"') == 22


@pytest.mark.parametrize(
    "query, message",
    [
        ("?page=abc", "There is no page “abc”"),
        ("?page=99", "There is no page “99”"),
        ("?page=-1", "There is no page “-1”"),
        ("?graduation_month=2027-13", "Enter a month as year and month"),
        ("?graduation_month=next%20june", "Enter a month as year and month"),
        ("?skill=cobol", "There is no skills “cobol”"),
        ("?location=atlantis", "There is no preferred location “atlantis”"),
        ("?stage=hired", "There is no highest stage reached"),
        ("?degree=kindergarten", "There is no degree level “kindergarten”"),
        ("?q=" + "python%20" * 60, "Search text can be at most 200 characters"),
    ],
)
def test_odd_input_gives_a_message_not_an_error(client, recruiter_a, catalogue, query, message):
    add_pool(catalogue, 1)
    client.force_login(recruiter_a)
    response = client.get(reverse("pool:home") + query)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    # The other filters still apply: the pool is still listed.
    assert "Pool0" in page


def test_odd_bytes_in_the_query_are_harmless(client, recruiter_a, catalogue):
    add_pool(catalogue, 1)
    client.force_login(recruiter_a)
    for query in ("%00python", "python\u202e", "%F0%9F%A4%96", "a:*|b", "！？", "(("):
        assert client.get(reverse("pool:home") + f"?q={query}").status_code == 200


def test_each_profile_view_is_logged_for_the_unit_worked_in(client, recruiter_a, unit_a, unit_b, catalogue):
    (ann,) = add_pool(catalogue, 1)
    UnitMembershipFactory(user=recruiter_a, unit=unit_b)
    client.force_login(recruiter_a)
    url = reverse("pool:profile", args=[ann.pool_entry.pk])
    client.get(url)
    client.get(url)
    # Working in unit B now (the frame remembers the unit of the last unit page).
    client.get(reverse("workspace:unit_dashboard", args=[unit_b.slug]))
    client.get(url)
    views = list(PoolView.objects.filter(entry=ann.pool_entry).order_by("pk"))
    assert [view.unit for view in views] == [unit_a, unit_a, unit_b]
    assert len(views) == 3
    assert {view.viewer for view in views} == {recruiter_a}


def test_a_profile_that_is_not_visible_logs_nothing(client, recruiter_a):
    client.force_login(recruiter_a)
    assert client.get(reverse("pool:profile", args=[999999])).status_code == 404
    assert not PoolView.objects.exists()


def test_the_posting_page_ranks_a_posting_never_ranked_and_says_why(client, recruiter_a, catalogue, posting):
    add_pool(catalogue, 1)
    client.force_login(recruiter_a)
    assert not Suggestion.objects.exists()
    page = client.get(reverse("pool:posting", args=[posting.pk])).content.decode()
    assert Suggestion.objects.filter(posting=posting, state="new").count() == 1
    assert "Pool0" in page
    assert "AI Agent Engineer preferred; 1 of 2 skills: Python" in page


def test_the_reasons_read_in_the_page_language(client, unit_a, catalogue, posting):
    add_pool(catalogue, 1)
    chinese_recruiter = UnitMembershipFactory(unit=unit_a, user__language="zh-hans").user
    client.force_login(chinese_recruiter)
    page = client.get(reverse("pool:posting", args=[posting.pk])).content.decode()
    # The category in Chinese, its English word marked as English.
    assert '<span lang="en">AI</span>智能体工程师' in page


def test_the_home_page_lists_the_unit_open_postings_with_their_new_suggestions(
    client, recruiter_a, catalogue, posting
):
    add_pool(catalogue, 3)
    closed = PostingFactory(unit=posting.unit, title="Closed Intern")
    close_posting(closed)
    client.force_login(recruiter_a)
    client.get(reverse("pool:posting", args=[posting.pk]))
    page = client.get(reverse("pool:home")).content.decode()
    assert "Agent Intern" in page and "3 new suggestions" in page
    assert "Closed Intern" not in page


def test_a_posting_not_open_suggests_nobody(client, recruiter_a, catalogue, posting):
    add_pool(catalogue, 1)
    close_posting(posting)
    client.force_login(recruiter_a)
    page = client.get(reverse("pool:posting", args=[posting.pk])).content.decode()
    assert "This posting is not open" in page
    assert not Suggestion.objects.exists()


def test_dismiss_moves_the_suggestion_and_a_second_submit_is_harmless(client, recruiter_a, catalogue, posting):
    add_pool(catalogue, 2)
    client.force_login(recruiter_a)
    client.get(reverse("pool:posting", args=[posting.pk]))
    suggestion = Suggestion.objects.filter(posting=posting).first()
    url = reverse("pool:dismiss", args=[posting.pk, suggestion.pk])
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("pool:posting", args=[posting.pk])
    assert "The suggestion is dismissed" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.DISMISSED
    dismissed_at = suggestion.updated_at
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "already dismissed" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.DISMISSED and suggestion.updated_at == dismissed_at
    # It leaves the list; the other stays.
    page = client.get(reverse("pool:posting", args=[posting.pk])).content.decode()
    assert suggestion.entry.candidate.name not in page
    assert Suggestion.objects.filter(posting=posting, state="new").count() == 1


def test_dismiss_answers_only_a_post(client, recruiter_a, catalogue, posting):
    add_pool(catalogue, 1)
    client.force_login(recruiter_a)
    client.get(reverse("pool:posting", args=[posting.pk]))
    suggestion = Suggestion.objects.get()
    assert client.get(reverse("pool:dismiss", args=[posting.pk, suggestion.pk])).status_code == 405
    assert client.post(reverse("pool:dismiss", args=[posting.pk + 1, suggestion.pk])).status_code == 404


def test_the_invite_link_shows_only_when_the_invitation_page_exists(client, recruiter_a, catalogue, posting):
    from django.urls import NoReverseMatch

    add_pool(catalogue, 1)
    client.force_login(recruiter_a)
    page = client.get(reverse("pool:posting", args=[posting.pk])).content.decode()
    try:
        invite_url = reverse("pool_invite:form", args=[Suggestion.objects.get().entry_id, posting.pk])
    except NoReverseMatch:
        assert ">Invite<" not in page
    else:
        assert invite_url in page
