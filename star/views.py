"""The Star track's pages: the public program page, the research application form, the committees' pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.forms.utils import ErrorDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.eligibility import may_apply
from applicants.queries import candidacy_of
from applicants.services import ApplicationRefused, profile_for
from postings.models import Posting, Program

from . import access
from .forms import StarApplyForm, StarReviewForm, publication_formset
from .models import (
    DISAGREEMENT_SPREAD,
    MAX_PUBLICATIONS,
    SCORE_MAX,
    SCORE_MIN,
    STATEMENT_MAX_LENGTH,
    CommitteeMembership,
    ResearchArea,
    StarApplication,
    StarReview,
)
from .ranking import ranked
from .services import star_application_submit, star_review_submit


def research_program(now=None):
    """The research program taking applications now, else the latest one (or None)."""
    programs = Program.objects.filter(track=Program.Track.RESEARCH)
    return programs.taking_applications(now=now).first() or programs.first()


def program(request):
    """The public page of the Star program: who it is for, its five areas, the rubric, a strong application."""
    star = research_program()
    public = Posting.objects.public().filter(program=star)
    areas = ResearchArea.objects.annotate(
        open_roles=Count("posting_areas", filter=Q(posting_areas__posting__in=public), distinct=True)
    )
    context = {
        "program": star,
        "areas": areas,
        "open_roles": public.count() if star else 0,
        "score_min": SCORE_MIN,
        "score_max": SCORE_MAX,
        "statement_limit": STATEMENT_MAX_LENGTH,
        "max_publications": MAX_PUBLICATIONS,
    }
    return render(request, "star/program.html", context)


@login_required
def apply(request, posting_pk):
    """Apply to a research posting: the eligibility reasons first, then the Star parts and the publications.

    Nothing is saved unless every part is valid and the service accepts it (one transaction)."""
    posting = get_object_or_404(
        Posting.objects.once_public().for_cards().filter(program__track=Program.Track.RESEARCH), pk=posting_pk
    )
    areas = ResearchArea.objects.filter(posting_areas__posting=posting)
    posted = request.method == "POST"
    adding = posted and "add_publication" in request.POST
    form = StarApplyForm(request.POST if posted else None, posting=posting, areas=areas)
    formset = publication_formset(request.POST if posted else None, add=adding)
    if adding:
        _not_judged_yet(form, formset)
    refused = []
    if posted and not adding and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        try:
            star = star_application_submit(
                candidate=request.user,
                posting=posting,
                areas=data["areas"],
                statement=data["statement"],
                advisor_name=data["advisor_name"],
                advisor_institution=data["advisor_institution"],
                expected_degree=data["expected_degree"],
                publications=formset.publications(),
                cross_border_consent=data["cross_border_consent"],
                pool_consent=data["pool_consent"],
            )
        except ApplicationRefused as refusal:
            refused = refusal.reasons
        else:
            messages.success(request, _("Your application is received."))
            return redirect(star.application)
    eligibility = may_apply(candidacy=candidacy_of(request.user), posting=posting)
    for reason in refused:
        if reason not in eligibility.messages:
            form.add_error(None, reason)
    context = {
        "posting": posting,
        "areas": areas,
        "form": form,
        "formset": formset,
        "eligibility": eligibility,
        "profile": profile_for(request.user),
        "current_resume": request.user.resumes.filter(is_current=True).first(),
        "statement_length": form.statement_length(),
        "statement_limit": STATEMENT_MAX_LENGTH,
        "max_publications": MAX_PUBLICATIONS,
        "rejected": posted and not adding,
    }
    return render(request, "star/apply.html", context)


def _not_judged_yet(form, formset):
    """After "Add a publication" the page shows what was typed, with no error yet (nothing was sent), and puts
    the cursor in the new row."""
    for each in (form, *formset.forms):
        each._errors = ErrorDict()
    formset._errors = [ErrorDict() for _ in formset.forms]
    formset._non_form_errors = formset.error_class()
    formset.forms[-1].fields["title"].widget.attrs["autofocus"] = True


@login_required
def committee_home(request):
    """The areas whose committee the user sits on (every area for an admin), each with its applications."""
    areas = access.areas_of(request.user).annotate(
        applications=Count(
            "star_applications",
            filter=~Q(star_applications__application__status__in=("queued", "withdrawn")),
            distinct=True,
        )
    )
    return render(request, "star/committee_home.html", {"areas": areas})


@login_required
def committee_area(request, area_slug):
    """An area's ranking: applications by their committee's mean score, with the spread between reviewers.

    The scores of an application stay hidden from a member until they have submitted their own review."""
    area = access.committee_area(request.user, area_slug)
    member = access.is_member(request.user, area)
    members = CommitteeMembership.objects.filter(area=area).values("user")
    applications = (
        StarApplication.objects.for_committee(area)
        .select_related("application__posting__unit", "application__candidate")
        .prefetch_related(
            Prefetch("reviews", queryset=StarReview.objects.filter(reviewer__in=members), to_attr="committee_reviews")
        )
        .order_by("application__created_at", "pk")
    )
    rows = ranked((star, [review.score for review in star.committee_reviews]) for star in applications)
    user_id = request.user.pk
    context = {
        "area": area,
        "member": member,
        "rows": [
            (row, not member or any(review.reviewer_id == user_id for review in row.item.committee_reviews))
            for row in rows
        ],
        "disagreement_spread": DISAGREEMENT_SPREAD,
        "member_count": len({m["user"] for m in members}),
    }
    return render(request, "star/committee_area.html", context)


@login_required
def review(request, area_slug, pk):
    """A committee member scores an application of their area (or changes their scores)."""
    area = access.committee_area(request.user, area_slug)
    star = access.reviewable_application(request.user, area, pk)
    mine = StarReview.objects.filter(star_application=star, reviewer=request.user).first()
    initial = (
        {"research_quality": mine.research_quality, "impact": mine.impact, "fit": mine.fit, "comment": mine.comment}
        if mine
        else None
    )
    form = StarReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        star_review_submit(reviewer=request.user, star_application=star, **form.cleaned_data)
        messages.success(request, _("Your review is saved."))
        return redirect(area.get_committee_url())
    context = {
        "area": area,
        "star": star,
        "form": form,
        "mine": mine,
        "publications": star.publications.all(),
        "areas": star.areas.all(),
        "now": timezone.now(),
    }
    return render(request, "star/review_form.html", context)
