from django.urls import path

from minhbach.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("intake/", views.intake, name="intake"),
    path("notifications/", views.notifications, name="notifications"),
    path("items/<int:case_id>/", views.item, name="item"),
    path("items/<int:case_id>/act/<slug:action>/", views.act, name="act"),
    path("items/<int:case_id>/attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("items/<int:case_id>/letters/<int:letter_id>/", views.letter_download, name="letter"),
    path("retention/", views.retention_runs, name="retention_runs"),
    path("retention/<int:run_id>/", views.retention_run, name="retention_run"),
    path("retention/<int:run_id>/csv/", views.retention_run_csv, name="retention_run_csv"),
]
