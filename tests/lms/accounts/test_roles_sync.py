"""roles_sync: every role keeps exactly the rights its data migrations gave it, from any
database, and running it again changes nothing."""

from __future__ import annotations

import ast
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
)

from lms.accounts import roles_sync as roles_sync_module
from lms.accounts.roles import Role
from lms.accounts.roles_sync import roles_sync

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]

# What each role group held on a database built by main's migrations before the grants
# moved into the apps (recorded from `migrate` on main at 816c29f).
EXPECTED_MODEL: dict[str, set[str]] = {
    "Parent": set(),
    "Lecturer": {
        "media_pipeline.mediaasset.add_mediaasset",
        "media_pipeline.mediaasset.change_mediaasset",
        "media_pipeline.mediaasset.view_mediaasset",
        "wagtailadmin.admin.access_admin",
    },
    "Reviewer": {
        "courses.lecturer.add_lecturer",
        "courses.lecturer.change_lecturer",
        "courses.lecturer.delete_lecturer",
        "courses.lecturer.view_lecturer",
        "courses.topic.add_topic",
        "courses.topic.change_topic",
        "courses.topic.delete_topic",
        "courses.topic.view_topic",
        "media_pipeline.mediaasset.add_mediaasset",
        "media_pipeline.mediaasset.change_mediaasset",
        "media_pipeline.mediaasset.delete_mediaasset",
        "media_pipeline.mediaasset.view_all_media",
        "media_pipeline.mediaasset.view_mediaasset",
        "search.synonymgroup.add_synonymgroup",
        "search.synonymgroup.change_synonymgroup",
        "search.synonymgroup.delete_synonymgroup",
        "search.synonymgroup.view_synonymgroup",
        "wagtailadmin.admin.access_admin",
    },
    "Teacher": set(),
    "SchoolAdmin": {
        "wagtailadmin.admin.access_admin",
    },
    "BureauAdmin": {
        "activities.community.add_community",
        "activities.community.change_community",
        "activities.community.view_community",
        "activities.station.add_station",
        "activities.station.change_station",
        "activities.station.view_station",
        "directory.venue.add_venue",
        "directory.venue.change_venue",
        "directory.venue.delete_venue",
        "directory.venue.view_venue",
        "schools.school.add_school",
        "schools.school.change_school",
        "schools.school.view_school",
        "schools.schoolstaff.add_schoolstaff",
        "schools.schoolstaff.change_schoolstaff",
        "schools.schoolstaff.view_schoolstaff",
        "search.synonymgroup.add_synonymgroup",
        "search.synonymgroup.change_synonymgroup",
        "search.synonymgroup.delete_synonymgroup",
        "search.synonymgroup.view_synonymgroup",
        "wagtailadmin.admin.access_admin",
    },
    "StationStaff": set(),
    "Partner": set(),
    "LedgerOfficer": {
        "support.designation.add_designation",
        "support.designation.change_designation",
        "support.designation.delete_designation",
        "support.designation.view_designation",
        "wagtailadmin.admin.access_admin",
    },
}
EXPECTED_PAGE: dict[str, set[str]] = {
    "Parent": set(),
    "Lecturer": {
        "courses.courseindexpage:/home/courses/:add_page",
        "courses.talkindexpage:/home/talks/:add_page",
    },
    "Reviewer": {
        "courses.courseindexpage:/home/courses/:add_page",
        "courses.courseindexpage:/home/courses/:change_page",
        "courses.courseindexpage:/home/courses/:lock_page",
        "courses.courseindexpage:/home/courses/:publish_page",
        "courses.courseindexpage:/home/courses/:unlock_page",
        "courses.talkindexpage:/home/talks/:add_page",
        "courses.talkindexpage:/home/talks/:change_page",
        "courses.talkindexpage:/home/talks/:lock_page",
        "courses.talkindexpage:/home/talks/:publish_page",
        "courses.talkindexpage:/home/talks/:unlock_page",
    },
    "Teacher": set(),
    "SchoolAdmin": set(),
    "BureauAdmin": set(),
    "StationStaff": set(),
    "Partner": set(),
    "LedgerOfficer": set(),
}
EXPECTED_COLLECTION: dict[str, set[str]] = {
    "Parent": set(),
    "Lecturer": {
        "Root:wagtaildocs.add_document",
        "Root:wagtaildocs.choose_document",
        "Root:wagtailimages.add_image",
        "Root:wagtailimages.choose_image",
    },
    "Reviewer": {
        "Root:wagtaildocs.add_document",
        "Root:wagtaildocs.change_document",
        "Root:wagtaildocs.choose_document",
        "Root:wagtaildocs.delete_document",
        "Root:wagtailimages.add_image",
        "Root:wagtailimages.change_image",
        "Root:wagtailimages.choose_image",
        "Root:wagtailimages.delete_image",
    },
    "Teacher": set(),
    "SchoolAdmin": set(),
    "BureauAdmin": set(),
    "StationStaff": set(),
    "Partner": set(),
    "LedgerOfficer": set(),
}


def _model(role: str) -> set[str]:
    permissions = Group.objects.get(name=role).permissions.select_related("content_type")
    return {f"{p.content_type.app_label}.{p.content_type.model}.{p.codename}" for p in permissions}


def _page(role: str) -> set[str]:
    rows = GroupPagePermission.objects.filter(group__name=role).select_related(
        "page__content_type", "permission"
    )
    return {
        f"{r.page.content_type.app_label}.{r.page.content_type.model}:{r.page.url_path}:"
        f"{r.permission.codename}"
        for r in rows
    }


def _collection(role: str) -> set[str]:
    rows = GroupCollectionPermission.objects.filter(group__name=role).select_related(
        "collection", "permission__content_type"
    )
    return {
        f"{r.collection.name}:{r.permission.content_type.app_label}.{r.permission.codename}"
        for r in rows
    }


@pytest.mark.parametrize("role", [role.value for role in Role])
def test_after_migrate_each_role_has_exactly_the_rights_it_had_before(role):
    assert _model(role) == EXPECTED_MODEL[role]
    assert _page(role) == EXPECTED_PAGE[role]
    assert _collection(role) == EXPECTED_COLLECTION[role]


def test_after_migrate_the_county_review_workflow_covers_the_home_page_with_reviewers():
    workflow = Workflow.objects.get(name="县级审核流程")
    assert workflow.active
    tasks = [task.specific for task in workflow.tasks.all()]
    assert [(task.name, task.active) for task in tasks] == [("县级审核", True)]
    assert isinstance(tasks[0], GroupApprovalTask)
    assert {group.name for group in tasks[0].groups.all()} == {"Reviewer"}
    pages = WorkflowPage.objects.filter(workflow=workflow).select_related("page")
    assert [link.page.url_path for link in pages] == ["/home/"]


def test_wagtails_own_groups_and_workflow_are_left_as_wagtail_made_them():
    assert Workflow.objects.get(name="Moderators approval").workflow_pages.get().page.depth == 1
    assert "wagtailcore.page:/:publish_page" in _page("Moderators")


def test_after_migrate_roles_sync_finds_nothing_to_do_and_a_second_run_neither():
    assert roles_sync() == []
    assert roles_sync() == []


def test_a_permission_added_to_a_role_by_hand_is_removed_but_other_groups_keep_theirs():
    designation = Permission.objects.get(codename="add_designation")
    Group.objects.get(name=Role.BUREAU_ADMIN.value).permissions.add(designation)
    editors = Group.objects.get(name="Editors")
    editors.permissions.add(designation)

    assert roles_sync() == ["BureauAdmin: - permission support.add_designation"]

    assert "support.designation.add_designation" not in _model(Role.BUREAU_ADMIN.value)
    assert editors.permissions.filter(pk=designation.pk).exists()
    assert roles_sync() == []


def test_a_lost_group_page_right_and_workflow_come_back_and_the_second_run_changes_nothing():
    Group.objects.filter(name=Role.LECTURER.value).delete()
    GroupPagePermission.objects.filter(group__name=Role.REVIEWER.value).delete()
    Workflow.objects.filter(name="县级审核流程").delete()
    GroupApprovalTask.objects.filter(name="县级审核").delete()

    changes = roles_sync()

    assert "Lecturer: + group" in changes
    assert "Lecturer: + permission media_pipeline.add_mediaasset" in changes
    assert "workflow 县级审核流程: + created" in changes
    for role in (Role.LECTURER.value, Role.REVIEWER.value):
        assert _model(role) == EXPECTED_MODEL[role]
        assert _page(role) == EXPECTED_PAGE[role]
        assert _collection(role) == EXPECTED_COLLECTION[role]
    test_after_migrate_the_county_review_workflow_covers_the_home_page_with_reviewers()
    assert roles_sync() == []


def test_a_dry_run_reports_the_differences_and_changes_nothing():
    Group.objects.get(name=Role.REVIEWER.value).permissions.clear()
    task = GroupApprovalTask.objects.get(name="县级审核")
    task.groups.add(Group.objects.get(name=Role.TEACHER.value))

    changes = roles_sync(dry_run=True)

    assert "Reviewer: + permission courses.add_topic" in changes
    assert "workflow 县级审核流程, task 县级审核: - approver Teacher" in changes
    assert _model(Role.REVIEWER.value) == set()
    assert roles_sync(dry_run=True) == changes


def test_the_check_command_prints_the_differences_and_fails_until_synced(capsys):
    Group.objects.get(name=Role.LEDGER_OFFICER.value).permissions.clear()

    with pytest.raises(CommandError) as failure:
        call_command("roles_sync", "--check")
    assert failure.value.returncode == 1
    assert "LedgerOfficer: + permission support.view_designation" in capsys.readouterr().out

    call_command("roles_sync")
    call_command("roles_sync", "--check")
    assert "Roles are as declared." in capsys.readouterr().out


def _declaring(monkeypatch, **attributes):
    module = SimpleNamespace(__name__="tests.grants", **attributes)
    monkeypatch.setattr(roles_sync_module, "grants_modules", lambda: iter([module]))


def test_a_grant_to_a_role_that_does_not_exist_is_refused_by_name(monkeypatch):
    _declaring(monkeypatch, MODEL_PERMISSIONS={"Lecturers": ["courses.view_topic"]})
    with pytest.raises(ImproperlyConfigured, match="'Lecturers' is not a role"):
        roles_sync()


def test_a_permission_or_page_type_nobody_defines_is_refused_by_name(monkeypatch):
    _declaring(monkeypatch, MODEL_PERMISSIONS={"Lecturer": ["courses.fly_topic"]})
    with pytest.raises(ImproperlyConfigured, match="courses.fly_topic"):
        roles_sync()
    _declaring(monkeypatch, PAGE_PERMISSIONS={"Lecturer": {"courses.nopage": ["add_page"]}})
    with pytest.raises(ImproperlyConfigured, match="courses.nopage"):
        roles_sync()


@pytest.mark.parametrize(
    "path", ["courses/grants.py", "media_pipeline/grants.py", "search/grants.py"]
)
def test_the_grants_of_the_apps_below_lms_are_plain_data_that_import_nothing(path):
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    assert not [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]


APPLICATION = ("lms", "courses", "search", "media_pipeline")


def _data_migrations():
    for path in sorted(ROOT.glob("**/migrations/0*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv/", "node_modules/")):
            continue
        if "RunPython" in path.read_text(encoding="utf-8"):
            yield relative


@pytest.mark.parametrize("path", list(_data_migrations()))
def test_data_migrations_import_no_application_code(path):
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ] + [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert [name for name in imported if name.split(".")[0] in APPLICATION] == []
