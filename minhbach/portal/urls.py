from django.urls import path

from minhbach.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("gui-y-kien/", views.submit, name="submit"),
    path("gui-y-kien/bien-nhan/", views.receipt, name="receipt"),
    path("theo-doi/", views.track, name="track"),
    path("theo-doi/ho-so/", views.item, name="item"),
    path("theo-doi/quen/", views.forget, name="forget"),
]
