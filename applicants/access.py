"""One helper per object type: the object if this user may see it, else 404."""

from django.shortcuts import get_object_or_404

from .models import Application, Resume


def own_application(user, pk) -> Application:
    queryset = Application.objects.owned_by(user).select_related("posting__unit", "posting__program", "resume")
    return get_object_or_404(queryset, pk=pk)


def own_resume(user, pk) -> Resume:
    return get_object_or_404(Resume.objects.owned_by(user), pk=pk)


def visible_resume(user, pk) -> Resume:
    """The owner's resume, or one a recruiter may read because the candidate applied to their unit."""
    return get_object_or_404(Resume.objects.visible_to(user), pk=pk)
