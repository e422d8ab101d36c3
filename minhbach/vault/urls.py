from django.urls import path

from minhbach.vault import views

app_name = "vault"
urlpatterns = [
    path("requests/", views.queue, name="queue"),
    path("requests/<int:request_id>/", views.request_detail, name="request_detail"),
    path("requests/<int:request_id>/decide/", views.decide, name="decide"),
    path("items/<int:case_id>/request/", views.request_access, name="request"),
    path("items/<int:case_id>/identity/", views.reveal, name="reveal"),
    path("items/<int:case_id>/documents/<int:attachment_id>/", views.document, name="document"),
    path("items/<int:case_id>/redact/", views.redact, name="redact"),
    path("items/<int:case_id>/redact/<int:mask_id>/restore/", views.unmask, name="unmask"),
    path("items/<int:case_id>/denounced/", views.denounced, name="denounced"),
]
