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
    path("staff/", include("minhbach.cases.urls")),
    path("", include("minhbach.portal.urls")),
]

handler400 = "minhbach.portal.views.error_400"
handler403 = "minhbach.portal.views.error_403"
handler404 = "minhbach.portal.views.error_404"
handler500 = "minhbach.portal.views.error_500"
