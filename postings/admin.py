"""The catalogue in the Django admin. Postings change status only through postings.publishing (the approve,
return and close actions, recorded in their history); unit memberships, the roles people hold, are granted by
admins alone."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count
from django.forms.formsets import TOTAL_FORM_COUNT
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from . import publishing, sanitize
from .access import is_admin
from .models import (
    BusinessUnit,
    Competency,
    DegreeLevel,
    InfoSession,
    Location,
    Posting,
    PostingStatusChange,
    Program,
    RoleCategory,
    Skill,
    UnitMembership,
)


@admin.register(Program)
class ProgramAdmin(TranslationAdmin):
    list_display = ["name", "track", "graduation_start", "graduation_end", "applications_open", "applications_close"]
    list_filter = ["track", "review"]
    search_fields = ["name_en", "name_zh_hans", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(BusinessUnit)
class BusinessUnitAdmin(TranslationAdmin):
    list_display = ["name", "slug", "is_demo", "posting_count"]
    list_filter = ["is_demo"]
    search_fields = ["name_en", "name_zh_hans", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(posting_count=Count("postings"))

    @admin.display(description=_("postings"), ordering="posting_count")
    def posting_count(self, unit):
        return unit.posting_count


@admin.register(Location)
class LocationAdmin(TranslationAdmin):
    list_display = ["name", "country", "country_code", "in_mainland_china"]
    list_filter = ["in_mainland_china"]
    search_fields = ["name_en", "name_zh_hans", "country_en", "country_zh_hans"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(RoleCategory)
class RoleCategoryAdmin(TranslationAdmin):
    list_display = ["name", "is_ai", "slug"]
    list_filter = ["is_ai"]
    search_fields = ["name_en", "name_zh_hans"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Skill)
class SkillAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_en", "name_zh_hans"]
    prepopulated_fields = {"slug": ["name_en"]}


class PostingForm(forms.ModelForm):
    degree_levels = forms.MultipleChoiceField(
        label=_("Accepted degree levels"), choices=DegreeLevel.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Posting
        fields = [
            "program",
            "unit",
            "category",
            "title",
            "description",
            "requirements",
            "skills",
            "locations",
            "headcount",
            "degree_levels",
            "closes_at",
            "blind_screening",
        ]

    def clean(self):
        cleaned = super().clean()
        # Stored as the workspace stores it: plain text as typed, formatting sanitised (postings.sanitize).
        for field in publishing.FORMATTED_FIELDS:
            if cleaned.get(field):
                cleaned[field] = sanitize.posting_text(cleaned[field])
        return cleaned


class PostingActionForm(helpers.ActionForm):
    """The action bar, with the comment the approve, return and close actions record and send to the unit."""

    comment = forms.CharField(
        label=_("Comment (required to return)"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"size": 40}),
    )


class LeftAsTheyAreWhenNotPosted(BaseInlineFormSet):
    """Inline rows that a POST without their management data leaves as they are (a script or an older form
    sending only the posting's own fields), rather than refusing the whole change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.not_posted = self.is_bound and f"{self.prefix}-{TOTAL_FORM_COUNT}" not in self.data

    def is_valid(self):
        return True if self.not_posted else super().is_valid()

    def save(self, commit=True):
        if self.not_posted:
            self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
            return []
        return super().save(commit)


class CompetencyInline(TranslationTabularInline):
    """The posting's scorecard lines, in both languages."""

    model = Competency
    formset = LeftAsTheyAreWhenNotPosted
    fields = ["name", "position"]
    extra = 0


class PostingStatusChangeInline(admin.TabularInline):
    """The posting's history, as recorded by the publishing services: read, never written here."""

    model = PostingStatusChange
    formset = LeftAsTheyAreWhenNotPosted
    fields = ["created_at", "from_status", "to_status", "actor", "comment"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("history")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Posting)
class PostingAdmin(TranslationAdmin):
    form = PostingForm
    action_form = PostingActionForm
    list_display = ["title", "unit", "category", "status", "published_at", "closes_at", "headcount"]
    list_filter = ["status", "program", "category__is_ai", "category", "unit", "locations"]
    list_select_related = ["unit", "category"]
    search_fields = [
        "title_en",
        "title_zh_hans",
        "description_en",
        "description_zh_hans",
        "unit__name_en",
        "unit__name_zh_hans",
        "skills__name_en",
        "skills__name_zh_hans",
    ]
    autocomplete_fields = ["skills"]
    filter_horizontal = ["locations"]
    date_hierarchy = "published_at"
    actions = ["publish_postings", "return_postings", "close_postings"]
    list_per_page = 50
    inlines = [CompetencyInline, PostingStatusChangeInline]
    # Status and publishing time change through the actions (recorded and announced), never by editing.
    readonly_fields = ["status", "published_at"]
    fieldsets = [
        (None, {"fields": ["program", "unit", "category", "title", "headcount"]}),
        (
            _("The role"),
            {"fields": ["description", "requirements", "skills", "locations", "degree_levels", "blind_screening"]},
        ),
        (_("Publishing"), {"fields": ["status", "published_at", "closes_at"]}),
    ]

    def has_publish_permission(self, request):
        return is_admin(request.user)

    def save_model(self, request, obj, form, change):
        # In the admin view's transaction: a posting added here starts its history as a draft, as in the workspace.
        super().save_model(request, obj, form, change)
        if not change:
            PostingStatusChange.objects.create(posting=obj, actor=request.user, to_status=Posting.Status.DRAFT)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.update_search_text()

    @admin.action(description=_("Approve and publish the selected postings now"), permissions=["publish"])
    def publish_postings(self, request, queryset):
        """Submitted postings, and drafts (an admin's own need no one else's approval)."""
        comment = self._comment(request)
        self._apply(
            request,
            queryset,
            lambda posting: publishing.posting_approve(posting=posting, actor=request.user, comment=comment),
            lambda n: ngettext("%(n)d posting approved and published.", "%(n)d postings approved and published.", n),
        )

    @admin.action(description=_("Return the selected postings to their units"), permissions=["publish"])
    def return_postings(self, request, queryset):
        comment = self._comment(request)
        if not comment:
            self.message_user(
                request,
                _("Nothing was returned: write in the comment box what the unit should change."),
                messages.ERROR,
            )
            return
        self._apply(
            request,
            queryset,
            lambda posting: publishing.posting_return(posting=posting, actor=request.user, comment=comment),
            lambda n: ngettext("%(n)d posting returned to its unit.", "%(n)d postings returned to their units.", n),
        )

    @admin.action(description=_("Close selected postings"), permissions=["publish"])
    def close_postings(self, request, queryset):
        comment = self._comment(request)
        self._apply(
            request,
            queryset,
            lambda posting: publishing.posting_close(posting=posting, actor=request.user, comment=comment),
            lambda n: ngettext("%(n)d posting closed.", "%(n)d postings closed.", n),
        )

    @staticmethod
    def _comment(request) -> str:
        return str(request.POST.get("comment", ""))[:2000].strip()

    def _apply(self, request, queryset, change, done_message):
        """Run `change` on each selected posting; say how many changed, and why each other one did not."""
        done = 0
        for posting in queryset.select_related("program", "unit"):
            try:
                change(posting)
            except publishing.PublishingRefused as refusal:
                self.message_user(request, f"{posting}: {refusal.message}", messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done) % {"n": done}, messages.SUCCESS)


@admin.register(UnitMembership)
class UnitMembershipAdmin(admin.ModelAdmin):
    """Who recruits for which unit, in which role. Granted by admins (the publish permission) only, on top of
    the model's own permissions: a staff member trusted with another part of the admin cannot make themselves
    a unit's recruiter, and nobody outside the staff reaches the admin at all."""

    list_display = ["user", "unit", "role", "created_at"]
    list_filter = ["role", "unit"]
    list_select_related = ["user", "unit"]
    search_fields = ["user__email", "user__name", "unit__name_en", "unit__name_zh_hans"]
    autocomplete_fields = ["user", "unit"]

    def has_add_permission(self, request):
        return is_admin(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return is_admin(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_admin(request.user) and super().has_delete_permission(request, obj)


@admin.register(InfoSession)
class InfoSessionAdmin(TranslationAdmin):
    list_display = ["university", "city", "starts_at", "capacity", "status", "program"]
    list_filter = ["program", "city", "status"]
    search_fields = ["university_en", "university_zh_hans", "city_en", "city_zh_hans", "venue_en", "venue_zh_hans"]
    filter_horizontal = ["units"]
    date_hierarchy = "starts_at"
