from django.urls import path

from minhbach.transparency import views

app_name = "transparency"
urlpatterns = [
    path("", views.home, name="home"),
    path("so-theo-doi/<slug:unit_code>/<str:month>/", views.review, name="review"),
    path("so-theo-doi/muc/<int:entry_id>/dinh-chinh/", views.correct, name="correct"),
    path("so-theo-doi/thang/<int:register_id>/cap-nhat/", views.refresh, name="refresh"),
    path("van-phong/<slug:root_code>/", views.office, name="office"),
    path("don-doc/<slug:unit_code>/", views.urge, name="urge"),
    path("cong-bo/", views.publications, name="publications"),
    path("cong-bo/<int:pk>/<slug:action>/", views.publication_action, name="publication_action"),
    path("danh-ba/<slug:unit_code>/", views.directory, name="directory"),
]
