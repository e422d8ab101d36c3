"""Friendly error pages, with no technical detail."""
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory

from minhbach.portal import views


def test_unknown_address_gets_the_friendly_404_page(settings, db):
    settings.DEBUG = False

    response = Client(headers={"accept-language": "en"}).get("/khong-co-trang-nay/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in page and 'href="/gui-y-kien/"' in page and 'href="/theo-doi/"' in page
    assert '<html lang="en">' in page
    assert "Traceback" not in page and "urlpatterns" not in page


def test_server_error_page_needs_no_database_or_context():
    # No `db` fixture: any database access here would raise, and the page would fall back to a bare "500".
    response = views.error_500(RequestFactory().get("/"))

    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in page and "<html lang=" in page


def test_bad_request_and_forbidden_pages_are_friendly(db):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    bad, forbidden = views.error_400(request), views.error_403(request)

    assert bad.status_code == 400 and "could not be understood" in bad.content.decode()
    assert forbidden.status_code == 403 and "You may not open this page" in forbidden.content.decode()
