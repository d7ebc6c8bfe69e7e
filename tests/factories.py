"""Small factories: each makes a valid object with the fewest choices made."""

import datetime as dt

import factory
from django.utils import timezone
from django.utils.text import slugify

from postings.models import BusinessUnit, InfoSession, Location, Posting, Program, RoleCategory, Skill, UnitMembership
from recruit.accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    name = factory.Faker("name")
    password = factory.django.Password("correct-horse-battery")


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        django_get_or_create = ["slug"]

    name = "2027 Global Campus Recruitment — Internship"
    slug = "2027-internship"
    graduation_start = dt.date(2026, 11, 1)
    graduation_end = dt.date(2027, 10, 30)
    applications_open = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=30))
    applications_close = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=90))
    max_active_applications = 2


class BusinessUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessUnit

    name = factory.Sequence(lambda n: f"Unit {n}")
    slug = factory.Sequence(lambda n: f"unit-{n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        django_get_or_create = ["slug"]

    name = "Hangzhou"
    slug = factory.LazyAttribute(lambda o: o.name.lower())
    country = "China"
    country_code = "CN"
    in_mainland_china = True


class RoleCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleCategory
        django_get_or_create = ["name"]

    name = "AI Application R&D Engineer"
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    is_ai = True


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Skill {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class PostingFactory(factory.django.DjangoModelFactory):
    """A published posting of an open program, in Hangzhou."""

    class Meta:
        model = Posting
        skip_postgeneration_save = True

    program = factory.SubFactory(ProgramFactory)
    unit = factory.SubFactory(BusinessUnitFactory)
    category = factory.SubFactory(RoleCategoryFactory)
    title = factory.Sequence(lambda n: f"AI Application Engineer Intern {n}")
    description = "Work with a friendly team on products used by millions."
    requirements = "- Python\n- Curiosity"
    status = Posting.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=3))

    @factory.post_generation
    def locations(self, create, extracted, **kwargs):
        if create:
            self.locations.set(extracted if extracted is not None else [LocationFactory()])

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)

    @factory.post_generation
    def search_index(self, create, extracted, **kwargs):
        if create:
            self.update_search_text()
            self.refresh_from_db(fields=["search_text"])


class UnitMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitMembership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(BusinessUnitFactory)
    role = UnitMembership.Role.RECRUITER


class InfoSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InfoSession

    program = factory.SubFactory(ProgramFactory)
    university = "Zhejiang University"
    city = "Hangzhou"
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))


# --- Applicants ---------------------------------------------------------------

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def verify_email(user):
    """Mark the user's address verified, as allauth does after the link is opened."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


class CandidateProfileFactory(factory.django.DjangoModelFactory):
    """A complete profile of a master's student graduating inside the 2027 window."""

    class Meta:
        model = "applicants.CandidateProfile"
        django_get_or_create = ["user"]

    user = factory.SubFactory(UserFactory)
    phone = "+86 138 0000 0000"
    school = "Zhejiang University"
    degree_level = "master"
    major = "Computer Science"
    graduation_date = dt.date(2027, 6, 30)


class ResumeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "applicants.Resume"

    candidate = factory.SubFactory(UserFactory)
    file = factory.django.FileField(data=MINIMAL_PDF, filename="resume.pdf")
    original_name = "resume.pdf"
    checksum = "0" * 64
    size = len(MINIMAL_PDF)
    page_count = 1
    is_current = True


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "applicants.Application"

    candidate = factory.SubFactory(UserFactory)
    posting = factory.SubFactory(PostingFactory)
    rank = 1
    status = "submitted"
    submitted_at = factory.LazyFunction(timezone.now)


class RejectionReasonFactory(factory.django.DjangoModelFactory):
    """A rejection reason of the list the migration fills in (a transactional test's flush empties it)."""

    class Meta:
        model = "applicants.RejectionReason"
        django_get_or_create = ["code"]

    code = "skills-gap"
    name = "Skills do not match this role yet"
    name_zh_hans = "技能与该岗位暂不匹配"
    allows_resurfacing = True


def close_posting(posting):
    """Close a posting as test data (the admin's way, with its record and notifications, is
    postings.publishing.posting_close)."""
    from postings.models import Posting

    Posting.objects.filter(pk=posting.pk).update(status=Posting.Status.CLOSED)
    posting.refresh_from_db()
    return posting
