"""A posting from draft to the job board and off it again, through the workspace's pages: draft, preview,
submit, return with a comment, edit, submit, approve for later, live at its time, close.

The helpers and fixtures here (a program, a category, a city, a draft of unit A, the form's data) serve the
other test_drafting_* files too.
"""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone, translation

from postings.models import Competency, Posting, PostingStatusChange
from postings.publishing import AlreadyDone, posting_approve, posting_submit
from recruit.notifications.models import Notification
from tests.factories import LocationFactory, PostingFactory, ProgramFactory, RoleCategoryFactory, UserFactory
from tests.pages import make_admin

pytestmark = pytest.mark.django_db
S = Posting.Status


@pytest.fixture(autouse=True)
def english():
    """Catalogue text given as `title=` is English, whatever language an earlier request left active."""
    with translation.override("en"):
        yield


@pytest.fixture
def program(db):
    return ProgramFactory()


@pytest.fixture
def category(db):
    return RoleCategoryFactory(name="AI Agent Optimization Engineer", name_zh_hans="AI Agent优化工程师")


@pytest.fixture
def hangzhou(db):
    return LocationFactory(name="Hangzhou", name_zh_hans="杭州")


@pytest.fixture
def draft(unit_a, program, category, hangzhou, recruiter_a):
    """A complete draft of unit A, written by Rita (its history says so)."""
    posting = PostingFactory(
        unit=unit_a,
        program=program,
        category=category,
        title="Agent Memory Intern",
        title_zh_hans="智能体记忆实习生",
        status=S.DRAFT,
        published_at=None,
        locations=[hangzhou],
    )
    PostingStatusChange.objects.create(posting=posting, actor=recruiter_a, to_status=S.DRAFT)
    return posting


@pytest.fixture
def submitted(draft, recruiter_a):
    posting_submit(posting=draft, actor=recruiter_a)
    return draft


def local(moment: dt.datetime) -> str:
    """A time as <input type="datetime-local"> sends it, in the site's zone."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def draft_data(program, category, location, /, **changes) -> dict:
    """The draft form's data: a complete posting in both languages, with one scorecard line."""
    data = {
        "program": program.pk,
        "category": category.pk,
        "title_en": "Agent Runtime Intern",
        "title_zh_hans": "智能体运行时实习生",
        "description_en": "Build the runtime our agents run on.",
        "description_zh_hans": "打造智能体运行的底座。",
        "requirements_en": "- Python\n- Curiosity",
        "requirements_zh_hans": "- 熟练使用 Python\n- 好奇心",
        "locations": [location.pk],
        "headcount": "2",
        "degree_levels": ["master", "doctorate"],
        "closes_at": "",
        "competencies-TOTAL_FORMS": "3",
        "competencies-INITIAL_FORMS": "0",
        "competencies-MIN_NUM_FORMS": "0",
        "competencies-MAX_NUM_FORMS": "10",
        "competencies-0-name_en": "Systems thinking",
        "competencies-0-name_zh_hans": "系统思维",
        "competencies-1-name_en": "",
        "competencies-1-name_zh_hans": "",
        "competencies-2-name_en": "Communication",
        "competencies-2-name_zh_hans": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def history(posting) -> list[tuple[str, str]]:
    return list(posting.status_changes.order_by("created_at", "id").values_list("from_status", "to_status"))


def board(client) -> str:
    response = client.get("/jobs/")
    assert response.status_code == 200
    return response.text


# --- The whole flow --------------------------------------------------------------------------


def test_a_posting_goes_from_draft_to_the_board_and_off_it(
    client, recruiter_a, admin_user, unit_a, program, category, hangzhou, monkeypatch
):
    new_url = f"/recruit/units/{unit_a.slug}/postings/new/"
    client.force_login(recruiter_a)
    form_page = client.get(new_url)
    assert form_page.status_code == 200
    token = form_page.context["draft_token"]

    # Preview: both languages as the board will show them; nothing saved.
    data = draft_data(program, category, hangzhou, draft_token=token)
    preview = client.post(new_url, {**data, "preview": "1"})
    assert preview.status_code == 200
    assert "Agent Runtime Intern" in preview.text and "智能体运行时实习生" in preview.text
    assert "打造智能体运行的底座。" in preview.text
    assert not Posting.objects.exists()

    # Save the draft.
    saved = client.post(new_url, {**data, "save": "1"})
    posting = Posting.objects.get()
    assert saved.status_code == 302 and saved["Location"] == f"/recruit/postings/{posting.pk}/"
    assert (posting.unit, posting.status, posting.published_at) == (unit_a, S.DRAFT, None)
    assert (posting.title_en, posting.title_zh_hans) == ("Agent Runtime Intern", "智能体运行时实习生")
    assert posting.headcount == 2
    assert posting.degree_levels == ["master", "doctorate"]
    assert list(posting.locations.all()) == [hangzhou]
    assert [(c.name_en, c.name_zh_hans) for c in posting.competencies.all()] == [
        ("Systems thinking", "系统思维"),
        ("Communication", ""),
    ]
    assert "Agent Runtime Intern" in posting.search_text

    # Submit it.
    detail = f"/recruit/postings/{posting.pk}/"
    assert client.post(f"{detail}submit/")["Location"] == detail
    posting.refresh_from_db()
    assert posting.status == S.SUBMITTED

    # The admin returns it: a comment is required.
    client.force_login(admin_user)
    refused = client.post(f"{detail}return/", {"return-comment": "  "})
    assert refused.status_code == 200
    assert "a comment is required" in refused.text
    posting.refresh_from_db()
    assert posting.status == S.SUBMITTED
    client.post(f"{detail}return/", {"return-comment": "Say which team the intern joins."})
    posting.refresh_from_db()
    assert posting.status == S.DRAFT

    # Rita sees the comment, edits and submits again.
    client.force_login(recruiter_a)
    page = client.get(detail)
    assert "Say which team the intern joins." in page.text
    assert "Returned" in page.text
    edited = client.post(
        f"{detail}edit/",
        draft_data(program, category, hangzhou, description_en="Join the Agent Runtime team.", save="1"),
    )
    assert edited.status_code == 302
    posting.refresh_from_db()
    assert posting.description_en == "Join the Agent Runtime team."
    client.post(f"{detail}submit/")

    # The admin approves it for two days from now, closing a week later.
    client.force_login(admin_user)
    goes_live = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=2)
    closes = goes_live + dt.timedelta(days=7)
    approved = client.post(
        f"{detail}approve/",
        {"approve-publish_at": local(goes_live), "approve-closes_at": local(closes), "approve-comment": "Thanks!"},
        follow=True,
    )
    assert "It goes live on" in approved.text
    posting.refresh_from_db()
    assert (posting.status, posting.published_at, posting.closes_at) == (S.PUBLISHED, goes_live, closes)
    assert "Scheduled" in client.get(detail).text

    # The board shows it only from its time on.
    client.logout()
    assert "Agent Runtime Intern" not in board(client)
    assert client.get(f"/jobs/{posting.pk}/").status_code == 404
    monkeypatch.setattr(timezone, "now", lambda: goes_live + dt.timedelta(minutes=1))
    assert "Agent Runtime Intern" in board(client)
    assert client.get(f"/jobs/{posting.pk}/").status_code == 200

    # The admin closes it: off the board.
    client.force_login(admin_user)
    client.post(f"{detail}close/", {"close-comment": "Filled."})
    posting.refresh_from_db()
    assert posting.status == S.CLOSED
    client.logout()
    assert "Agent Runtime Intern" not in board(client)

    assert history(posting) == [
        ("", S.DRAFT),
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.DRAFT),
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.PUBLISHED),
        (S.PUBLISHED, S.CLOSED),
    ]
    actors = list(posting.status_changes.order_by("created_at", "id").values_list("actor__email", "comment"))
    assert actors == [
        ("rita@example.com", ""),
        ("rita@example.com", ""),
        ("ada@example.com", "Say which team the intern joins."),
        ("rita@example.com", ""),
        ("ada@example.com", "Thanks!"),
        ("ada@example.com", "Filled."),
    ]


def test_approving_without_a_time_publishes_at_once(client, admin_user, submitted):
    client.force_login(admin_user)
    response = client.post(f"/recruit/postings/{submitted.pk}/approve/", {}, follow=True)
    assert "Approved and published" in response.text
    submitted.refresh_from_db()
    assert submitted.status == S.PUBLISHED
    assert submitted.published_at <= timezone.now()
    assert submitted.is_accepting()
    client.logout()
    assert "Agent Memory Intern" in board(client)


def test_the_page_of_a_scheduled_posting_says_when_it_goes_live_in_its_history(client, admin_user, submitted):
    client.force_login(admin_user)
    goes_live = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=1)
    client.post(f"/recruit/postings/{submitted.pk}/approve/", {"approve-publish_at": local(goes_live)})
    page = client.get(f"/recruit/postings/{submitted.pk}/").text
    assert "Scheduled: on the job board from" in page
    assert "Goes live" in page


# --- Drafts ---------------------------------------------------------------------------------------


def test_preview_saves_nothing_and_keeps_what_was_typed(client, recruiter_a, draft, program, category, hangzhou):
    client.force_login(recruiter_a)
    data = draft_data(program, category, hangzhou, title_en="A Better Title", preview="1")
    response = client.post(f"/recruit/postings/{draft.pk}/edit/", data)
    assert response.status_code == 200
    assert response.text.count("A Better Title") >= 2  # in the preview and in the field
    draft.refresh_from_db()
    assert draft.title_en == "Agent Memory Intern"


def test_the_preview_shows_the_formatting_the_board_will_show_and_drops_the_rest(
    client, recruiter_a, draft, program, category, hangzhou
):
    client.force_login(recruiter_a)
    text = "We build <strong>agents</strong>.\n\n<script>alert('x')</script><a href=\"javascript:alert(1)\">x</a>"
    data = draft_data(program, category, hangzhou, description_en=text, preview="1")
    html = client.post(f"/recruit/postings/{draft.pk}/edit/", data).text
    assert "<p>We build <strong>agents</strong>.</p>" in html
    assert "<script>alert" not in html
    assert 'href="javascript:' not in html


def test_a_chinese_preview_has_no_english_left_but_the_english_preview(
    client, recruiter_a, draft, program, category, hangzhou
):
    from tests.test_chinese_pages import english_left

    recruiter_a.set_language("zh-hans")
    for named in (draft.unit, program):
        named.name_zh_hans = {"Alibaba Cloud": "阿里云"}.get(named.name_en, "2027届实习生项目")
        named.save()
    client.force_login(recruiter_a)
    data = draft_data(program, category, hangzhou, preview="1")
    html = client.post(f"/recruit/postings/{draft.pk}/edit/", data).text
    assert 'lang="zh-Hans"' in html[:200]
    assert "打造智能体运行的底座。" in html
    assert english_left(html) == []


def test_saving_a_draft_sanitises_its_text_and_leaves_plain_text_as_typed(
    client, recruiter_a, draft, program, category, hangzhou
):
    client.force_login(recruiter_a)
    data = draft_data(
        program,
        category,
        hangzhou,
        description_en='<p onclick="steal()">Hello <img src=x onerror=alert(1)><b>team</b></p><style>p{}</style>',
        requirements_en="- Python\n- 1 < 2 & curiosity",
        save="1",
    )
    client.post(f"/recruit/postings/{draft.pk}/edit/", data)
    draft.refresh_from_db()
    assert draft.description_en == "<p>Hello <b>team</b></p>"
    assert draft.requirements_en == "- Python\n- 1 < 2 & curiosity"


def test_a_draft_form_cannot_set_the_status_or_the_publishing_date(
    client, recruiter_a, draft, program, category, hangzhou
):
    client.force_login(recruiter_a)
    data = draft_data(
        program, category, hangzhou, status="published", published_at="2026-01-01T00:00", unit="999", save="1"
    )
    client.post(f"/recruit/postings/{draft.pk}/edit/", data)
    draft.refresh_from_db()
    assert (draft.status, draft.published_at, draft.unit.slug) == (S.DRAFT, None, "alibaba-cloud")
    client.post(f"/recruit/units/{draft.unit.slug}/postings/new/", data)
    newest = Posting.objects.latest("pk")
    assert (newest.status, newest.published_at) == (S.DRAFT, None)


def test_a_posting_past_its_draft_stage_is_not_edited(client, recruiter_a, submitted, program, category, hangzhou):
    client.force_login(recruiter_a)
    response = client.get(f"/recruit/postings/{submitted.pk}/edit/", follow=True)
    assert response.redirect_chain[-1][0] == f"/recruit/postings/{submitted.pk}/"
    assert "Only a draft can be changed" in response.text
    client.post(f"/recruit/postings/{submitted.pk}/edit/", draft_data(program, category, hangzhou, save="1"))
    submitted.refresh_from_db()
    assert submitted.title_en == "Agent Memory Intern"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title_en": "", "title_zh_hans": ""}, "Give the role a title"),
        ({"headcount": "0"}, "greater than or equal to 1"),
        ({"headcount": "9" * 30}, "less than or equal to 999"),
        ({"degree_levels": []}, "Choose at least one of the degree levels offered."),
        ({"degree_levels": ["wizard"]}, "Select a valid choice"),
        ({"closes_at": "2020-01-01T10:00"}, "Choose a closing date in the future"),
        ({"closes_at": "2027-02-30T10:00"}, "Enter a date and time such as"),
        ({"program": "abc"}, "Select a valid choice"),
        ({"program": str(2**63)}, "Select a valid choice"),
        ({"locations": [str(2**64)]}, "Select a valid choice"),
        ({"competencies-0-name_en": "", "competencies-0-name_zh_hans": "沟通"}, "Name the competency in English"),
        ({"competencies-TOTAL_FORMS": "500"}, "Please submit at most 10 forms."),
    ],
)
def test_bad_input_changes_nothing_and_says_why(
    client, recruiter_a, draft, program, category, hangzhou, changes, message
):
    client.force_login(recruiter_a)
    before = draft.updated_at
    response = client.post(
        f"/recruit/postings/{draft.pk}/edit/", draft_data(program, category, hangzhou, save="1", **changes)
    )
    assert response.status_code == 200
    assert message in response.text
    assert "The draft was not saved" in response.text
    draft.refresh_from_db()
    assert draft.updated_at == before


def test_a_closing_date_after_the_program_closes_is_refused(client, recruiter_a, draft, program, category, hangzhou):
    client.force_login(recruiter_a)
    late = local(program.applications_close + dt.timedelta(days=2))
    response = client.post(
        f"/recruit/postings/{draft.pk}/edit/", draft_data(program, category, hangzhou, closes_at=late, save="1")
    )
    assert "leave it empty to close with the program" in response.text


def test_saving_a_new_draft_twice_creates_one(client, recruiter_a, unit_a, program, category, hangzhou):
    client.force_login(recruiter_a)
    url = f"/recruit/units/{unit_a.slug}/postings/new/"
    token = client.get(url).context["draft_token"]
    data = draft_data(program, category, hangzhou, draft_token=token, save="1")
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    assert Posting.objects.count() == 1
    assert first["Location"] == second.redirect_chain[-1][0]
    assert "This draft was already saved." in second.text


def test_a_scorecard_keeps_its_rows_in_order_when_edited(client, recruiter_a, draft, program, category, hangzhou):
    client.force_login(recruiter_a)
    client.post(f"/recruit/postings/{draft.pk}/edit/", draft_data(program, category, hangzhou, save="1"))
    first_ids = list(draft.competencies.values_list("pk", flat=True))
    data = draft_data(
        program,
        category,
        hangzhou,
        save="1",
        **{"competencies-0-name_en": "Systems design", "competencies-2-name_en": ""},
    )
    client.post(f"/recruit/postings/{draft.pk}/edit/", data)
    assert list(draft.competencies.values_list("pk", "name_en", "position")) == [(first_ids[0], "Systems design", 0)]
    assert Competency.objects.filter(posting=draft).count() == 1


# --- Submitting ----------------------------------------------------------------------------------


def test_submitting_an_incomplete_draft_says_exactly_what_is_missing(client, recruiter_a, draft):
    Posting.objects.filter(pk=draft.pk).update(description_en="", requirements_en="")
    draft.locations.clear()
    client.force_login(recruiter_a)
    page = client.get(f"/recruit/postings/{draft.pk}/").text
    assert "Still needed before it can be submitted" in page
    response = client.post(f"/recruit/postings/{draft.pk}/submit/", follow=True)
    missing = "the description in English, the requirements in English, at least one location."
    assert f"Not submitted: it still needs {missing}" in response.text
    draft.refresh_from_db()
    assert draft.status == S.DRAFT
    assert history(draft) == [("", S.DRAFT)]


def test_submitting_twice_is_harmless(client, recruiter_a, draft):
    client.force_login(recruiter_a)
    client.post(f"/recruit/postings/{draft.pk}/submit/")
    response = client.post(f"/recruit/postings/{draft.pk}/submit/", follow=True)
    assert "This posting is already waiting for approval." in response.text
    assert history(draft) == [("", S.DRAFT), (S.DRAFT, S.SUBMITTED)]


def test_a_submit_by_get_is_refused(client, recruiter_a, draft):
    client.force_login(recruiter_a)
    assert client.get(f"/recruit/postings/{draft.pk}/submit/").status_code == 405
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


# --- Approving, returning, closing ------------------------------------------------------------------


def test_approving_twice_publishes_once(client, admin_user, submitted):
    client.force_login(admin_user)
    client.post(f"/recruit/postings/{submitted.pk}/approve/", {"approve-comment": "Good."})
    response = client.post(f"/recruit/postings/{submitted.pk}/approve/", {"approve-comment": "Good."}, follow=True)
    assert "This posting was already approved." in response.text
    assert PostingStatusChange.objects.filter(posting=submitted, to_status=S.PUBLISHED).count() == 1


def test_returning_twice_is_harmless(client, admin_user, submitted):
    client.force_login(admin_user)
    url, data = f"/recruit/postings/{submitted.pk}/return/", {"return-comment": "Add the team."}
    client.post(url, data)
    response = client.post(url, data, follow=True)
    assert "already returned" in response.text
    assert history(submitted).count((S.SUBMITTED, S.DRAFT)) == 1


def test_an_admin_may_publish_a_draft_without_a_submission_but_never_a_closed_posting(client, admin_user, draft):
    client.force_login(admin_user)
    client.post(f"/recruit/postings/{draft.pk}/approve/")
    draft.refresh_from_db()
    assert draft.status == S.PUBLISHED
    assert history(draft) == [("", S.DRAFT), (S.DRAFT, S.PUBLISHED)]
    client.post(f"/recruit/postings/{draft.pk}/close/")
    response = client.post(f"/recruit/postings/{draft.pk}/approve/", follow=True)
    assert "A closed posting is not published again" in response.text
    draft.refresh_from_db()
    assert draft.status == S.CLOSED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"approve-publish_at": "2020-01-01T09:00"}, "Choose a time from now on"),
        ({"approve-publish_at": "tomorrow"}, "Enter a date and time such as"),
        ({"approve-closes_at": "2020-01-01T09:00"}, "Choose a closing date in the future"),
        ({"approve-comment": "x" * 5000}, "Ensure this value has at most 2000 characters"),
    ],
)
def test_an_approval_with_bad_dates_changes_nothing_and_says_why(client, admin_user, submitted, data, message):
    client.force_login(admin_user)
    response = client.post(f"/recruit/postings/{submitted.pk}/approve/", data)
    assert response.status_code == 200
    assert message in response.text
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


def test_a_closing_date_before_the_publishing_time_is_refused(client, admin_user, submitted):
    client.force_login(admin_user)
    soon = timezone.now() + dt.timedelta(days=3)
    data = {"approve-publish_at": local(soon), "approve-closes_at": local(soon - dt.timedelta(days=1))}
    response = client.post(f"/recruit/postings/{submitted.pk}/approve/", data)
    assert "The closing date must come after the publishing time." in response.text
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


def test_closing_twice_is_harmless_and_a_draft_cannot_be_closed(client, admin_user, draft):
    client.force_login(admin_user)
    response = client.post(f"/recruit/postings/{draft.pk}/close/", follow=True)
    assert "Only a published posting can be closed" in response.text
    Posting.objects.filter(pk=draft.pk).update(status=S.PUBLISHED, published_at=timezone.now())
    client.post(f"/recruit/postings/{draft.pk}/close/")
    response = client.post(f"/recruit/postings/{draft.pk}/close/", follow=True)
    assert "This posting is already closed." in response.text
    assert PostingStatusChange.objects.filter(posting=draft, to_status=S.CLOSED).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writes need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_admins_approving_at_once_publish_once(submitted, admin_user):
    admins = [admin_user, make_admin(UserFactory(email="zhao.min@example.com"))]
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(admin):
        from django.db import connection as thread_connection

        barrier.wait()
        try:
            posting_approve(posting=Posting.objects.get(pk=submitted.pk), actor=admin)
            outcomes.append("approved")
        except AlreadyDone:
            outcomes.append("already")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=approve, args=(admin,)) for admin in admins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["already", "approved"]
    assert PostingStatusChange.objects.filter(posting=submitted, to_status=S.PUBLISHED).count() == 1
    assert Notification.objects.filter(event="posting_approved", email="rita@example.com").count() == 1
