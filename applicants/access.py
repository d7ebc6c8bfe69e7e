"""One helper per object type: the object if this user may see it, else 404.

Each starts from the model's `visible_to(user)` scope; the candidate area's
helpers narrow it to the user's own objects, since a recruiter who may read
an application still may not withdraw or reorder it.
"""

from django.shortcuts import get_object_or_404

from .models import Application, Resume


def own_application(user, pk) -> Application:
    queryset = (
        Application.objects.visible_to(user)
        .filter(candidate=user)
        .select_related("posting__unit", "posting__program", "resume")
    )
    return get_object_or_404(queryset, pk=pk)


def own_resume(user, pk) -> Resume:
    return get_object_or_404(Resume.objects.visible_to(user).filter(candidate=user), pk=pk)


def visible_resume(user, pk) -> Resume:
    """The owner's resume, or the version a recruiter's unit received with an application."""
    return get_object_or_404(Resume.objects.visible_to(user), pk=pk)
