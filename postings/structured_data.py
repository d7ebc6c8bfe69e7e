"""schema.org JobPosting data, so job search engines can index a posting (in the page's language)."""

from django.utils.html import strip_tags
from django.utils.translation import gettext as _


def job_posting_ld(posting, request) -> dict:
    """The posting as a schema.org JobPosting (JSON-LD)."""
    program = posting.program
    return {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": posting.title,
        "description": strip_tags(f"{posting.description}\n\n{posting.requirements}"),
        "identifier": {"@type": "PropertyValue", "name": posting.unit.name, "value": str(posting.pk)},
        "datePosted": posting.published_at.date().isoformat(),
        "validThrough": posting.deadline().isoformat(),
        "employmentType": "INTERN",
        "hiringOrganization": {"@type": "Organization", "name": posting.unit.name},
        "jobLocation": [
            {
                "@type": "Place",
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": location.name,
                    "addressCountry": location.country_code,
                },
            }
            for location in posting.locations.all()
        ],
        "educationRequirements": [
            {"@type": "EducationalOccupationalCredential", "credentialCategory": level}
            for level in posting.degree_levels
        ],
        "skills": ", ".join(skill.name for skill in posting.skills.all()),
        "occupationalCategory": posting.category.name,
        "totalJobOpenings": posting.headcount,
        "url": request.build_absolute_uri(posting.get_absolute_url()),
        "eligibilityToWorkRequirement": _("Graduating between %(start)s and %(end)s")
        % {"start": program.graduation_start.isoformat(), "end": program.graduation_end.isoformat()},
    }
