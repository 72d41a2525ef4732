from django.contrib.staticfiles import finders


def test_the_favicon_files_are_static_files():
    for name in ("img/favicon.ico", "img/favicon.svg", "img/apple-touch-icon.png"):
        assert finders.find(name), name


def test_a_browser_asking_for_favicon_ico_is_sent_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("/static/img/favicon.ico")


def test_every_page_links_the_icon(client, db):
    page = client.get("/accounts/login/").content.decode()
    assert 'rel="icon" href="/static/img/favicon.ico"' in page
    assert 'rel="icon" href="/static/img/favicon.svg" type="image/svg+xml"' in page
