import os

from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path

from config.api import api


def healthz(request):
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("minhbach.accounts.urls")),
    path("staff/vault/", include("minhbach.vault.urls")),
    path("staff/publishing/", include("minhbach.transparency.urls")),
    path("staff/", include("minhbach.cases.urls")),
    path("plans/", include("minhbach.plans.urls")),
    path("", include("minhbach.portal.urls")),
]

# Benchmark only (scripts/bench.py): the framework floor, a bare view doing one INSERT.
if os.environ.get("MINHBACH_BENCH_FLOOR") == "1":
    from minhbach.core.views_floor import floor_insert

    urlpatterns.insert(0, path("bench/floor", floor_insert, name="bench_floor"))

handler400 = "minhbach.portal.views.error_400"
handler403 = "minhbach.portal.views.error_403"
handler404 = "minhbach.portal.views.error_404"
handler500 = "minhbach.portal.views.error_500"
