from django.urls import path

from minhbach.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:pk>/", views.import_review, name="import_review"),
    path("mine/", views.my_obligations, name="mine"),
    path("review/", views.review_queue, name="review_queue"),
    path("obligations/<int:pk>/", views.obligation_detail, name="obligation"),
    path("reports/<int:pk>/", views.report_review, name="report"),
    path("reports/<int:pk>/sign/", views.report_sign, name="report_sign"),
    path("reports/<int:pk>/attachment/", views.report_attachment, name="report_attachment"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/status/", views.plan_status, name="status"),
    path("<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("<int:pk>/review-document/", views.review_generate, name="review_generate"),
    path("<int:pk>/review-document/<int:review_id>/", views.review_download, name="review_download"),
]
