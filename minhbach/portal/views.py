"""Public pages."""
from django.shortcuts import render


def home(request):
    return render(request, "portal/home.html", {})


def _error(request, status: int, template: str):
    return render(request, template, {"status": status}, status=status)


def error_400(request, exception=None):
    return _error(request, 400, "errors/400.html")


def error_403(request, exception=None):
    return _error(request, 403, "errors/403.html")


def error_404(request, exception=None):
    return _error(request, 404, "errors/404.html")


def error_500(request):
    return render(request, "errors/500.html", status=500)
