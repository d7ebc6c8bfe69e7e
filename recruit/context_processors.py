from recruit.site import site_name


def site(request):
    """The site's name, for the layout."""
    return {"site_name": site_name()}
