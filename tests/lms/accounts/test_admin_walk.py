"""Every admin URL, as every role: no 500, and no side door to what a listing hides.

The URLs are generated from the URL configuration (everything under /admin/), not listed
by hand, so a view Wagtail or an app adds later is walked too. Path arguments are filled
with objects that belong to someone else: another lecturer's unpublished media and draft
pages. A role whose listing does not show those objects must not find their titles, or
the original file name, in any answer."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.log_actions import log
from wagtail.models import Page

from courses.models import CourseIndexPage
from lms.accounts.roles import Role
from lms.accounts.services import user_create
from lms.support.models import Designation
from media_pipeline.models import MediaAsset
from tests.courses.factories import course_add, lesson_add

pytestmark = pytest.mark.django_db

SECRET_MEDIA = "甲老师未公开的录音"
SECRET_FILE = "甲老师的原始文件名"
SECRET_COURSE = "甲老师的草稿课程"
SECRET_LESSON = "甲老师的草稿一课"
SECRET_DESIGNEE = "designee-secret-name · 教育局"  # how a designation is named

# Searches and filters tried on every listing, chooser and report.
QUERIES = [
    "",
    "?q=录音",
    "?q=草稿&status=ready&kind=video&ordering=-created_at",
    "?q=甲老师&p=2",
    "?live=false&locked=false&has_child_pages=true&ordering=-latest_revision_created_at",
]
# Views that end the session or need a token make no sense to walk.
SKIPPED = {"wagtailadmin_logout", "wagtailadmin_error_test"}


@dataclass(frozen=True)
class AdminUrl:
    name: str
    params: tuple[str, ...]


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            params = tuple(getattr(pattern.pattern, "converters", {}) or ())
            params += tuple(pattern.pattern.regex.groupindex)
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield (
                (prefix + str(pattern.pattern)).lstrip("^"),
                AdminUrl(name, tuple(dict.fromkeys(params))),
            )


def admin_urls() -> list[AdminUrl]:
    found = {}
    for route, url in _walk(get_resolver().url_patterns):
        if route.startswith("admin/") and url.name not in SKIPPED:
            found[(url.name, url.params)] = url
    return list(found.values())


def _snippet_model(name: str):
    namespace = name.split(":")[0]
    for prefix in ("wagtailsnippets_", "wagtailsnippetchoosers_"):
        if namespace.startswith(prefix):
            key = namespace.removeprefix(prefix)
            for model in apps.get_models():
                if f"{model._meta.app_label}_{model._meta.model_name}" == key:
                    return model
    return None


@pytest.fixture
def world():
    owner = user_create(username="lecturer-jia", password="pw-jia-1", roles=[Role.LECTURER])
    asset = MediaAsset.objects.create(
        title=SECRET_MEDIA,
        original="media/originals/jia.mp4",
        original_name=f"{SECRET_FILE}.mp4",
        uploaded_by=owner,
        status=MediaAsset.Status.READY,
    )
    log(instance=asset, action="wagtail.create", user=owner)
    course = course_add(title=SECRET_COURSE, live=False, owner=owner)
    revision = course.save_revision(user=owner, log_action=True)
    lesson = lesson_add(course, title=SECRET_LESSON, live=False, owner=owner)
    lesson.save_revision(user=owner, log_action=True)
    public = course_add(title="公开的课程", owner=owner)
    designee = user_create(
        username="designee-secret-name", password="pw-designee-1", roles=[Role.BUREAU_ADMIN]
    )
    designation = Designation.objects.create(user=designee, school=None)
    log(instance=designation, action="wagtail.create", user=owner)
    return {
        "asset": asset,
        "course": course,
        "lesson": lesson,
        "revision": revision,
        "public": public,
        "index": CourseIndexPage.objects.get(),
        "designation": designation,
    }


def _value(url: AdminUrl, param: str, world) -> str | int:
    model = _snippet_model(url.name)
    if param in {"pk", "object_id"} and model is MediaAsset:
        return world["asset"].pk
    if param in {"pk", "object_id"} and model is Designation:
        return world["designation"].pk
    if param in {"pk", "object_id"} and model is not None:
        first = model.objects.order_by("pk").first()
        return first.pk if first else 1
    page_names = ("wagtailadmin_pages", "wagtailadmin_explore", "wagtailadmin_choose_page")
    page_params = {"page_id", "parent_page_id", "page_to_move_id", "page_pk"}
    if param in page_params or (
        param == "pk" and url.name.startswith(page_names + ("wagtailadmin_api:pages",))
    ):
        return world["course"].pk
    return {
        "revision_id": world["revision"].pk,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "destination_id": world["index"].pk,
        "content_type_app_name": "courses",
        "content_type_model_name": "lessonpage",
        "app_label": "courses",
        "app_name": "courses",
        "model_name": "lessonpage",
        "action_name": "approve",
        "action": "delete",
        "filter_spec": "original",
        "uidb64": "MQ",
        "token": "x-y",
    }.get(param, 1)


def _hidden_from(client, world) -> list[str]:
    """What this role's listings do not show: no other answer may show it either."""
    media_list = client.get(reverse("wagtailsnippets_media_pipeline_mediaasset:list"))
    explorer = client.get(reverse("wagtailadmin_explore", args=[world["index"].pk]))
    designations = client.get(reverse("wagtailsnippets_support_designation:list"))
    hidden = []
    if designations.status_code != 200 or SECRET_DESIGNEE not in designations.content.decode():
        hidden.append(SECRET_DESIGNEE)
    if media_list.status_code != 200 or SECRET_MEDIA not in media_list.content.decode():
        hidden += [SECRET_MEDIA, SECRET_FILE]
    if explorer.status_code != 200 or SECRET_COURSE not in explorer.content.decode():
        hidden += [SECRET_COURSE, SECRET_LESSON]
    return hidden


def _texts(secret: str) -> tuple[str, str]:
    return secret, json.dumps(secret)[1:-1]


def _walk_as(client, world, hidden) -> list[str]:
    problems = []
    for url in admin_urls():
        path = reverse(url.name, kwargs={p: _value(url, p, world) for p in url.params})
        queries = QUERIES if not url.params or "explore" in url.name else [""]
        if url.name == "wagtailadmin_api:pages:listing":
            index = world["index"].pk
            queries = [f"?child_of={index}&for_explorer=1", f"?descendant_of={index}&search=草稿"]
        for query in queries:
            response = client.get(path + query)
            if response.status_code >= 500:
                problems.append(f"{response.status_code} {url.name} {path}{query}")
                continue
            body = response.content.decode(errors="replace")
            for secret in hidden:
                if any(text in body for text in _texts(secret)):
                    problems.append(f"{secret} shown by {url.name} {path}{query}")
    return problems


WALKED_ROLES = [role for role in Role]


@pytest.mark.parametrize("role", WALKED_ROLES, ids=[role.value for role in WALKED_ROLES])
def test_every_admin_url_as_every_role_answers_without_error_or_side_door(role, world):
    user = user_create(username=f"walker-{role.value}", password="pw-walker-1", roles=[role])
    client = Client(raise_request_exception=False)
    client.force_login(user)
    hidden = _hidden_from(client, world)
    problems = _walk_as(client, world, hidden)
    assert problems == [], "\n".join(problems)


def test_the_walk_covers_every_view_of_media_and_pages():
    names = {url.name for url in admin_urls()}
    for view in ("inspect", "usage", "history", "copy", "edit", "delete", "list", "list_results"):
        assert f"wagtailsnippets_media_pipeline_mediaasset:{view}" in names
    assert {"wagtailadmin_pages:history", "wagtailadmin_reports:site_history"} <= names
    assert "wagtailsnippetchoosers_media_pipeline_mediaasset:choose_results" in names
    assert len(names) > 250


def test_a_lecturer_finds_nothing_of_another_lecturers_in_the_walk(world):
    lecturer = user_create(username="lecturer-yi", password="pw-yi-1", roles=[Role.LECTURER])
    client = Client(raise_request_exception=False)
    client.force_login(lecturer)
    assert set(_hidden_from(client, world)) == {
        SECRET_MEDIA,
        SECRET_FILE,
        SECRET_COURSE,
        SECRET_LESSON,
        SECRET_DESIGNEE,
    }


def test_a_reviewer_sees_all_media_and_pages_but_not_who_is_designated(world):
    reviewer = user_create(username="reviewer-bing", password="pw-bing-1", roles=[Role.REVIEWER])
    client = Client(raise_request_exception=False)
    client.force_login(reviewer)
    assert _hidden_from(client, world) == [SECRET_DESIGNEE]
    assert Page.objects.filter(title=SECRET_COURSE, live=False).exists()


def test_a_ledger_officer_sees_the_designations_and_nothing_of_lecturers(world):
    officer = user_create(username="officer", password="pw-officer-1", roles=[Role.LEDGER_OFFICER])
    client = Client(raise_request_exception=False)
    client.force_login(officer)
    assert SECRET_DESIGNEE not in _hidden_from(client, world)
    assert SECRET_MEDIA in _hidden_from(client, world)
