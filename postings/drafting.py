"""The workspace's postings: a unit's list, drafts with a preview in both languages, submitting them, the admins'
approval queue, approving (now or at a set time), returning with a comment, and closing.

Who may do what is read from the scopes in postings.access: every member of a
unit (and every admin) sees its postings; its recruiters and hiring managers
(drafting_units) and admins write drafts and submit them; admins approve,
return and close (DESIGN.md: admins publish and close roles). Anything else
answers 404. The changes go through postings.publishing.
"""

import uuid

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applicants.workspace.frame import workspace_context, workspace_view
from recruit.accounts.timezones import zone_label

from . import publishing, sanitize
from .access import drafting_units, is_admin, workspace_posting, workspace_unit
from .drafting_forms import ApprovalForm, CloseForm, PostingDraftForm, ReturnForm, competency_formset
from .models import BusinessUnit, Posting, PostingStatusChange
from .publishing import AlreadyDone, PostingIncomplete, PublishingRefused, State

S = Posting.Status
PER_PAGE = 50
# Applications the unit sees (queued ones wait for an earlier preference, unseen), and those that ended
# (applicants.models.Application.TERMINAL; tests/workspace/test_drafting_pages.py keeps the two in step).
HIDDEN_FROM_UNIT = ("queued",)
ENDED = ("hired", "rejected", "withdrawn", "declined")
# How long a new draft form's token remembers its draft: a second click on "Save" finds it.
DRAFT_TOKEN_SECONDS = 3600


def _drafting_posting(user, pk) -> Posting:
    """A posting (any status) of a unit `user` drafts for, else 404."""
    postings = Posting.objects.filter(unit__in=drafting_units(user)).select_related("unit", "program", "category")
    return get_object_or_404(postings, pk=pk)


def _admin_posting(user, pk) -> Posting:
    """Any posting, for an admin; 404 for everyone else."""
    if not is_admin(user):
        raise Http404
    return workspace_posting(user, pk)


def _frame(request, unit, section="postings") -> dict:
    return {**workspace_context(request, unit=unit), "workspace_section": section}


# --- The unit's postings ------------------------------------------------------------


@workspace_view
def posting_list(request, slug):
    """Every posting of the unit, newest change first, with its state and its applicants; filtered by state."""
    unit = workspace_unit(request.user, slug)
    conditions = publishing.state_conditions(timezone.now())
    state = request.GET.get("state", "")
    state = state if state in State.values else ""
    postings = Posting.objects.filter(unit=unit)
    counts = postings.aggregate(all=Count("pk"), **{key.value: Count("pk", filter=q) for key, q in conditions.items()})
    rows = postings.filter(conditions[State(state)]) if state else postings
    returned = PostingStatusChange.objects.filter(posting=OuterRef("pk"), from_status=S.SUBMITTED, to_status=S.DRAFT)
    seen = ~Q(applications__status__in=HIDDEN_FROM_UNIT)
    rows = (
        rows.select_related("category", "program")
        .defer("search_text", "search_document", "description_en", "description_zh_hans")
        .annotate(
            applicants=Count("applications", filter=seen),
            under_way=Count("applications", filter=seen & ~Q(applications__status__in=ENDED)),
            was_returned=Exists(returned),
        )
        .order_by("-updated_at", "-pk")
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    tabs = [("", _("All"), counts["all"])] + [(s.value, s.label, counts[s.value]) for s in State]
    may_draft = _may_draft(request.user, unit)
    context = {"unit": unit, "page": page, "state": state, "tabs": tabs, "may_draft": may_draft}
    return render(request, "recruit/drafting/posting_list.html", {**context, **_frame(request, unit)})


def _may_draft(user, unit) -> bool:
    return BusinessUnit.objects.filter(pk__in=drafting_units(user), pk=unit.pk).exists()


# --- Drafts ---------------------------------------------------------------------------


@workspace_view
def posting_new(request, slug):
    """A new draft of the unit (its recruiters and hiring managers, and admins)."""
    unit = get_object_or_404(BusinessUnit.objects.filter(pk__in=drafting_units(request.user)), slug=slug)
    return _draft_page(request, Posting(unit=unit))


@workspace_view
def posting_edit(request, pk):
    """A draft (a returned posting is a draft again); a posting past that stage is shown, not edited."""
    posting = _drafting_posting(request.user, pk)
    if posting.status != S.DRAFT:
        messages.info(request, _("Only a draft can be changed; this posting is %(state)s.") % _state(posting))
        return redirect("workspace:posting_detail", posting.pk)
    return _draft_page(request, posting)


def _draft_page(request, posting: Posting):
    """The draft form: "Preview" shows the posting as its public page will, in both languages, and saves
    nothing; "Save draft" saves it (a new draft once, however many times the button is pressed)."""
    heading = posting.title if posting.pk else ""
    data = request.POST if request.method == "POST" and request.POST else None
    form = PostingDraftForm(data, instance=posting)
    lines = competency_formset(data, posting=posting)
    preview = None
    if data is not None and form.is_valid() and lines.is_valid():
        if "preview" in data:
            preview = _preview(form, lines.lines())
        else:
            return _draft_save(request, form, lines)
    # A new draft's form carries a token, the same through its previews, so that saving it twice saves once.
    token = "" if posting.pk else _posted_token(request) or uuid.uuid4().hex
    context = {"form": form, "lines": lines, "preview": preview, "posting": posting, "heading": heading}
    context |= {"draft_token": token}
    return render(request, "recruit/drafting/posting_form.html", {**context, **_frame(request, posting.unit)})


def _draft_save(request, form, lines):
    posting = form.instance
    key = _token_key(request, posting)
    if key and not cache.add(key, "saving", DRAFT_TOKEN_SECONDS):
        saved = cache.get(key)
        messages.info(request, _("This draft was already saved."))
        if isinstance(saved, int):
            return redirect("workspace:posting_detail", saved)
        return redirect("workspace:posting_list", posting.unit.slug)
    try:
        publishing.posting_draft_save(
            posting=posting,
            actor=request.user,
            skills=form.cleaned_data["skills"],
            locations=form.cleaned_data["locations"],
            competencies=lines.lines(),
        )
    except PublishingRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("workspace:posting_detail", posting.pk)
    except Exception:
        if key:
            cache.delete(key)
        raise
    if key:
        cache.set(key, posting.pk, DRAFT_TOKEN_SECONDS)
    messages.success(request, _("Draft saved."))
    return redirect("workspace:posting_detail", posting.pk)


def _posted_token(request) -> str:
    """The token a new draft's form was rendered with (32 hex digits), or "" for anything else."""
    token = str(request.POST.get("draft_token", ""))
    return token if len(token) == 32 and all(ch in "0123456789abcdef" for ch in token) else ""


def _token_key(request, posting) -> str:
    """The cache key that remembers the draft a new draft's form saved; none for edits."""
    token = "" if posting.pk else _posted_token(request)
    return f"drafting:new:{request.user.pk}:{token}" if token else ""


def _preview(form, competencies) -> dict:
    """The posting as typed, as its public page will show it (text sanitised as saving will)."""
    posting = form.instance
    for field in publishing.FORMATTED_FIELDS:
        setattr(posting, field, sanitize.posting_text(getattr(posting, field) or ""))
    return {
        "posting": posting,
        "skills": list(form.cleaned_data["skills"]),
        "locations": list(form.cleaned_data["locations"]),
        "competencies": competencies,
    }


# --- A posting's page -------------------------------------------------------------------


@workspace_view
def posting_detail(request, pk):
    """The posting in the workspace: its state, when it goes live and closes, its history, its text in both
    languages, and what the user may do with it."""
    posting = workspace_posting(request.user, pk)
    return _detail_page(request, posting)


def _detail_page(request, posting: Posting, **forms):
    """The posting's page; `forms` are bound forms whose errors it shows (an approval with a bad date)."""
    user = request.user
    admin = is_admin(user)
    may_draft = _may_draft(user, posting.unit)
    history = list(posting.status_changes.select_related("actor"))
    locations = list(posting.locations.all())
    state = publishing.posting_state(posting)
    context = {
        "posting": posting,
        "state": state,
        "history": history,
        "went_live": _goes_live(posting, history),
        "submitted": next((change for change in reversed(history) if change.to_status == S.SUBMITTED), None),
        "returned": posting.status == S.DRAFT and bool(history) and history[-1].from_status == S.SUBMITTED,
        "now": timezone.now(),
        "preview": {
            "posting": posting,
            "skills": list(posting.skills.all()),
            "locations": locations,
            "competencies": [(line.name_en, line.name_zh_hans) for line in posting.competencies.all()],
        },
        "may_edit": may_draft and posting.status == S.DRAFT,
        "gaps": publishing.submission_gaps(posting, has_location=bool(locations)) if posting.status == S.DRAFT else [],
        "translation_gaps": publishing.translation_gaps(posting),
        "admin": admin,
        "public": posting.is_accepting(),
    }
    if admin and posting.status == S.SUBMITTED:
        context["approval_form"] = forms.get("approval_form") or ApprovalForm(posting=posting)
        context["return_form"] = forms.get("return_form") or ReturnForm()
    if admin and posting.status == S.PUBLISHED and state != State.CLOSED:
        context["close_form"] = forms.get("close_form") or CloseForm()
    return render(request, "recruit/drafting/posting_detail.html", {**context, **_frame(request, posting.unit)})


def _goes_live(posting, history):
    """The publishing time when the approval scheduled it for later (the approval row is recorded when it is
    given, the time it goes live is the posting's)."""
    approvals = [change for change in history if change.to_status == S.PUBLISHED]
    if posting.published_at and approvals and posting.published_at > approvals[-1].created_at:
        return {"change": approvals[-1], "at": posting.published_at}
    return None


# --- Submitting, approving, returning, closing ----------------------------------------------


@workspace_view
@require_POST
def posting_submit(request, pk):
    """Submit a draft for approval; what is missing is said, and nothing changes."""
    posting = _drafting_posting(request.user, pk)
    try:
        publishing.posting_submit(posting=posting, actor=request.user)
    except PostingIncomplete as incomplete:
        messages.error(request, _("Not submitted: it still needs %(gaps)s.") % {"gaps": incomplete.needs})
    except PublishingRefused as refusal:
        _refused(request, refusal)
    else:
        messages.success(request, _("Submitted for approval. The admins have been told."))
    return redirect("workspace:posting_detail", posting.pk)


@workspace_view
@require_POST
def posting_approve(request, pk):
    """Approve a submitted posting: published now or at the chosen time, with an optional closing date."""
    posting = _admin_posting(request.user, pk)
    form = ApprovalForm(request.POST, posting=posting)
    if not form.is_valid():
        return _detail_page(request, posting, approval_form=form)
    try:
        publishing.posting_approve(
            posting=posting,
            actor=request.user,
            publish_at=form.cleaned_data["publish_at"],
            closes_at=form.cleaned_data["closes_at"],
            comment=form.cleaned_data["comment"],
        )
    except PostingIncomplete as incomplete:
        messages.error(request, _("Not approved: it still needs %(gaps)s.") % {"gaps": incomplete.needs})
    except PublishingRefused as refusal:
        _refused(request, refusal)
    else:
        if posting.published_at > timezone.now():
            messages.success(request, _("Approved. It goes live on %(time)s.") % {"time": _when(posting.published_at)})
        else:
            messages.success(request, _("Approved and published: it is on the job board now."))
    return redirect("workspace:posting_detail", posting.pk)


@workspace_view
@require_POST
def posting_return(request, pk):
    """Return a submitted posting to its unit with a comment (required)."""
    posting = _admin_posting(request.user, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, posting, return_form=form)
    try:
        publishing.posting_return(posting=posting, actor=request.user, comment=form.cleaned_data["comment"])
    except PublishingRefused as refusal:
        _refused(request, refusal)
    else:
        messages.success(request, _("Returned to the unit with your comment."))
    return redirect("workspace:posting_detail", posting.pk)


@workspace_view
@require_POST
def posting_close(request, pk):
    """Close a published posting now: it leaves the job board and takes no more applications."""
    posting = _admin_posting(request.user, pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, posting, close_form=form)
    try:
        publishing.posting_close(posting=posting, actor=request.user, comment=form.cleaned_data["comment"])
    except PublishingRefused as refusal:
        _refused(request, refusal)
    else:
        messages.success(request, _("Closed: it is off the job board and takes no more applications."))
    return redirect("workspace:posting_detail", posting.pk)


def _refused(request, refusal: PublishingRefused) -> None:
    # A double click or a colleague's earlier action: nothing went wrong, nothing changed.
    level = messages.INFO if isinstance(refusal, AlreadyDone) else messages.ERROR
    messages.add_message(request, level, refusal.message)


def _state(posting) -> dict:
    return {"state": str(publishing.posting_state(posting).label).lower()}


def _when(moment) -> str:
    local = timezone.localtime(moment)
    zone = zone_label(timezone.get_current_timezone_name(), (local,))
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} {zone}"


# --- Approvals ------------------------------------------------------------------------------


@workspace_view
def approvals(request):
    """For admins: the postings waiting for approval, oldest first, each with who submitted it and when; and
    the approved ones scheduled to go live."""
    if not is_admin(request.user):
        raise Http404
    submissions = PostingStatusChange.objects.filter(posting=OuterRef("pk"), to_status=S.SUBMITTED).order_by(
        "-created_at", "-id"
    )
    waiting = (
        Posting.objects.filter(status=S.SUBMITTED)
        .select_related("unit", "category", "program")
        .defer("search_text", "search_document")
        .annotate(
            submitted_at=Subquery(submissions.values("created_at")[:1]),
            submitter_name=Subquery(submissions.values("actor__name")[:1]),
            submitter_email=Subquery(submissions.values("actor__email")[:1]),
        )
        .order_by(F("submitted_at").asc(nulls_first=True), "pk")
    )
    scheduled = (
        Posting.objects.filter(publishing.state_conditions(timezone.now())[State.SCHEDULED])
        .select_related("unit")
        .defer("search_text", "search_document")
        .order_by("published_at", "pk")[:PER_PAGE]
    )
    page = Paginator(waiting, PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "scheduled": scheduled}
    return render(request, "recruit/drafting/approvals.html", {**context, **_frame(request, None, "approvals")})
