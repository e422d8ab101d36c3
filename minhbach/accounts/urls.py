from django.contrib.auth import views as auth_views
from django.urls import path

from minhbach.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", views.totp_verify, name="totp_verify"),
    path("authenticator/", views.totp_enrol, name="totp_enrol"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
