"""Template context shared by every page."""
from django.conf import settings


def site(request):
    """Site name and environment for the page chrome."""
    return {"SITE_NAME": "Minh Bạch", "DEMO_MODE": not settings.PRODUCTION}
