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

# What is published: the monthly register, publications, the directory, statistics, search; and the staff side.

from minhbach.portal.public import views as public  # noqa: E402

urlpatterns += [
    path("so-theo-doi/", public.register_index, name="register_index"),
    path("so-theo-doi/<slug:unit_code>/", public.register_unit, name="register_unit"),
    path("so-theo-doi/<slug:unit_code>/<str:month>/", public.register_month, name="register_month"),
    path("so-theo-doi/<slug:unit_code>/<str:month>/tai-ve.csv", public.register_month_csv, name="register_month_csv"),
    path("so-theo-doi/<slug:unit_code>/<str:month>/tai-ve.json", public.register_month_json, name="register_month_json"),
    path("so-theo-doi/<slug:unit_code>/<str:month>/muc/<int:number>/", public.register_entry, name="register_entry"),
    path("so-theo-doi/<slug:unit_code>/tong-hop/<str:month>/", public.register_province, name="register_province"),
    path("so-theo-doi/<slug:unit_code>/tong-hop/<str:month>/tai-ve.csv", public.register_province_csv,
         name="register_province_csv"),
    path("so-theo-doi/<slug:unit_code>/tong-hop/<str:month>/tai-ve.json", public.register_province_json,
         name="register_province_json"),
    path("cong-bo/", public.publications, name="publications"),
    path("cong-bo/<int:pk>/", public.publication_detail, name="publication"),
    path("cong-bo/<int:pk>/van-ban/", public.publication_document, name="publication_document"),
    path("danh-ba/", public.directory, name="directory"),
    path("danh-ba/cong-khai/<int:pk>/", public.disclosure_document, name="disclosure_document"),
    path("danh-ba/<slug:unit_code>/", public.directory_unit, name="directory_unit"),
    path("thong-ke/", public.stats, name="stats"),
    path("thong-ke/tai-ve.csv", public.stats_csv, name="stats_csv"),
    path("thong-ke/tai-ve.json", public.stats_json, name="stats_json"),
    path("tim-kiem/", public.search, name="search"),
]
