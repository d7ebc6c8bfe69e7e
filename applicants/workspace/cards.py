"""What the pipeline shows of an application, loaded in one query: the board's cards, the list's rows and the
export's lines are the same `Card`, so a field hidden by blind screening is hidden everywhere at once.

Reads only: the moves themselves are `services.application_move`'s.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone, translation
from django.utils.html import conditional_escape, format_html

from postings.models import DegreeLevel

from ..models import Application, CandidateProfile
from ..templatetags.workspace import applicant_name, applicant_school
from ..workflow import MOVES, IllegalMove, Mover, check_move

S = Application.Status

# The board's columns, in the order an application goes through them; the ended stages share a compact column.
# Queued applications are the candidate's later preferences, not yet the unit's: no column shows them.
BOARD_STAGES = (S.SUBMITTED, S.SCREENING, S.ASSESSMENT, S.INTERVIEW, S.OFFER, S.HIRED)
ENDED_STAGES = (S.REJECTED, S.WITHDRAWN, S.DECLINED)
UNIT_STAGES = (*BOARD_STAGES, *ENDED_STAGES)

# The columns a card loads with: the one query that fills cards, rows and export lines reads only these.
CARD_FIELDS = (
    "pk",
    "status",
    "rank",
    "source",
    "created_at",
    "stage_entered_at",
    "average_score",
    "review_count",
    "posting__id",
    "posting__unit_id",
    "posting__blind_screening",
    "posting__title_en",
    "posting__title_zh_hans",
    "candidate__id",
    "candidate__name",
    "candidate__email",
    "candidate__candidate_profile__id",
    "candidate__candidate_profile__school",
    "candidate__candidate_profile__degree_level",
    "candidate__candidate_profile__graduation_date",
)


def card_queryset(applications: QuerySet) -> QuerySet:
    """`applications` (already scoped to what the user reviews) with what a card shows, in the same query."""
    return applications.select_related("posting", "candidate__candidate_profile").only(*CARD_FIELDS)


def recruiter_targets(status: str) -> list[str]:
    """The stages a recruiter may move an application to from `status`, in board order (workflow.MOVES)."""
    targets = {
        target for (current, target), move in MOVES.items() if current == status and move.mover == Mover.RECRUITER
    }
    return [stage for stage in UNIT_STAGES if stage in targets]


def bulk_targets() -> list[str]:
    """The stages a bulk move offers: every recruiter move's target but the rejection (it asks for a reason)."""
    targets = {target for (_current, target), move in MOVES.items() if move.mover == Mover.RECRUITER}
    return [stage for stage in UNIT_STAGES if stage in targets and stage != S.REJECTED]


# A run of Han characters (CJK ideographs, with the extensions candidates' names use).
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def typed_text_lang(text: str) -> str | None:
    """The `lang` for text a candidate typed (their name, their school), when its script says it is not in the
    page's language: "zh" for Han characters on an English page, "en" for Latin letters on a Chinese one (so a
    screen reader reads "Zhejiang University" with an English voice). None when nothing needs saying."""
    chinese_page = (translation.get_language() or "").startswith("zh")
    if chinese_page:
        return "en" if _LATIN.search(text) and not _HAN.search(text) else None
    return "zh" if _HAN.search(text) else None


def profile_of(application: Application) -> CandidateProfile | None:
    """The candidate's profile, loaded with the application; None for a deleted candidate or one without any."""
    candidate = application.candidate
    if candidate is None:
        return None
    try:
        return candidate.candidate_profile
    except CandidateProfile.DoesNotExist:
        return None


@dataclass
class Card:
    """An application as the pipeline shows it, its words in the active language; blind screening already
    applied to `name` and `school` (empty when hidden or unknown)."""

    application: Application
    name: str
    name_lang: str | None
    school: str
    school_lang: str | None
    degree: str
    graduation_date: date | None
    days_in_stage: int
    stage_label: str
    source_label: str
    targets: tuple[tuple[str, str], ...] = ()
    # Why no move is offered (the application has ended), in the workflow's words.
    ended_message: str = ""
    # A refused move's message, shown on the card the board puts back.
    error: str = ""

    @property
    def pk(self) -> int:
        return self.application.pk

    @property
    def stage(self) -> str:
        return self.application.status

    @property
    def blind(self) -> bool:
        return self.application.is_blind

    @property
    def dom_id(self) -> str:
        return card_dom_id(self.application)

    @property
    def name_html(self) -> str:
        """The name, escaped, marked with its language where its script is not the page's (typed_text_lang)."""
        return _marked(self.name, self.name_lang)

    @property
    def school_html(self) -> str:
        return _marked(self.school, self.school_lang)


def _marked(text: str, lang: str | None) -> str:
    return format_html('<span lang="{}">{}</span>', lang, text) if lang else conditional_escape(text)


def card_dom_id(application) -> str:
    """The card's element id on the board, which htmx swaps after a move."""
    return f"card-{application.pk}"


# The words every card of a stage shares, worked out once per stage and language rather than once per card
# (a board shows hundreds).


@lru_cache(maxsize=64)
def _label(choices, value: str, language: str) -> str:
    return str(choices(value).label)


@lru_cache(maxsize=32)
def _targets(status: str, language: str) -> tuple[tuple[str, str], ...]:
    return tuple((stage, _label(S, stage, language)) for stage in recruiter_targets(status))


@lru_cache(maxsize=32)
def _ended_message(status: str, language: str) -> str:
    if status not in Application.TERMINAL:
        return ""
    try:
        check_move(current=status, target=S.SUBMITTED, by=Mover.RECRUITER)
    except IllegalMove as refusal:
        return str(refusal)
    return ""


def card_for(application: Application, *, now: datetime | None = None) -> Card:
    """The card of an application loaded by `card_queryset`; no query."""
    language = translation.get_language() or ""
    profile = profile_of(application)
    name = applicant_name(application)
    # The filter's dash stands for "hidden or unknown"; the templates and the export say that their own way.
    school = applicant_school(application, profile.school if profile else "")
    school = "" if school == "—" else school
    degree = profile.degree_level if profile else ""
    return Card(
        application=application,
        name=name,
        name_lang=typed_text_lang(name),
        school=school,
        school_lang=typed_text_lang(school),
        degree=_label(DegreeLevel, degree, language) if degree in DegreeLevel.values else "",
        graduation_date=profile.graduation_date if profile else None,
        days_in_stage=max(application.days_in_stage(now), 0),
        stage_label=_label(S, application.status, language),
        source_label=_label(Application.Source, application.source, language),
        targets=_targets(application.status, language),
        ended_message=_ended_message(application.status, language),
    )


def cards_in_order(applications: QuerySet, pks: list[int], *, now: datetime | None = None) -> list[Card]:
    """The cards of these applications (among `applications`), in the order of `pks`, in one query."""
    loaded = {application.pk: application for application in card_queryset(applications).filter(pk__in=pks)}
    now = now or timezone.now()
    return [card_for(loaded[pk], now=now) for pk in pks if pk in loaded]


def stage_counts(applications: QuerySet) -> dict[str, int]:
    """How many of `applications` are in each stage the unit sees (zero included), in one query."""
    counted = dict(applications.order_by().values_list("status").annotate(n=Count("pk")))
    return {stage: counted.get(stage, 0) for stage in UNIT_STAGES}


def board_cards(applications: QuerySet, *, per_stage: int, now: datetime | None = None) -> dict[str, list[Card]]:
    """Up to `per_stage` cards of each of the board's stages, the longest in their stage first, in one query
    whatever the number of applications (a window function numbers each stage's rows). The ended stages are
    counted, not shown: the list has them."""
    now = now or timezone.now()
    position = Window(RowNumber(), partition_by=[F("status")], order_by=[F("stage_entered_at").asc(), F("pk").asc()])
    rows = (
        card_queryset(applications.filter(status__in=BOARD_STAGES))
        .annotate(position=position)
        .filter(position__lte=per_stage)
        .order_by("stage_entered_at", "pk")
    )
    columns = {stage: [] for stage in BOARD_STAGES}
    for application in rows:
        columns[application.status].append(card_for(application, now=now))
    return columns


def board_card(applications: QuerySet, pk: int) -> Card | None:
    """One application's card, fresh from the database (after a move, or a refused one), or None."""
    application = card_queryset(applications).filter(pk=pk).first()
    return card_for(application) if application else None


__all__ = [
    "BOARD_STAGES",
    "ENDED_STAGES",
    "UNIT_STAGES",
    "Card",
    "board_card",
    "board_cards",
    "bulk_targets",
    "card_dom_id",
    "card_for",
    "card_queryset",
    "cards_in_order",
    "recruiter_targets",
    "stage_counts",
    "typed_text_lang",
]
