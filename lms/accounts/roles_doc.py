"""docs/roles.md: the role × permission matrix, read from the role groups in the database.

Rendered after roles_sync, so it shows what the apps' grants.py declarations give each
role; tests/lms/accounts/test_roles_doc.py keeps the file in step with them.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.models import Group
from django.utils import translation
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
)

from lms.accounts.roles import Role
from lms.accounts.roles_sync import grants_modules

REGENERATE = (
    "LMS_WRITE_ROLES_DOC=1 .venv/bin/python -m pytest tests/lms/accounts/test_roles_doc.py -q"
)

INTRO = f"""\
# 角色与权限 · Roles and permissions

<!-- Generated from the declarations: do not edit by hand. Regenerate with
     {REGENERATE}
     (the test fails, naming that command, whenever this file and the declarations differ). -->

Each role is a Django group of the same name. What a role may do is declared by the app
that owns the thing, in its own `grants.py`, by role name (`courses/grants.py`,
`media_pipeline/grants.py`, `search/grants.py`, `lms/<app>/grants.py`): model permissions,
Wagtail page permissions by page type, image and document permissions on the root
collection, and the review workflow. `lms.accounts.roles_sync` applies them after every
`migrate`, and on demand:

- `manage.py roles_sync --check` prints how the database differs and exits 1 if it does;
- `manage.py roles_sync` makes every role group exactly as declared.

"Exactly" means a permission added to a role group by hand in the admin is removed at the
next deploy (and shown by `--check` before that): a role means the same on every install and
this page says what it means. For extra rights, make a separate group in the admin; groups
that are not roles (Wagtail's Editors and Moderators too) are never touched. To change a
role, edit the app's `grants.py` and regenerate this page.

Besides the permissions below, some rights follow from a person's post rather than a
group (a school's staff, a class's head teacher, a support ledger designation); the apps'
code checks those.
"""

ACTIONS = {"add": "添加", "change": "修改", "delete": "删除", "view": "查看"}


def _holding(holders: dict) -> list[Role]:
    """The roles that hold anything in a section, in Role's order (the others get no column)."""
    held = set().union(*holders.values()) if holders else set()
    return [role for role in Role if role.value in held]


def _header(first: list[str], roles: list[Role]) -> list[str]:
    names = [f"{role.value}<br>{role.label}" for role in roles]
    return [
        "| " + " | ".join([*first, *names]) + " |",
        "|" + "---|" * len(first) + ":-:|" * len(roles),
    ]


def _row(first: list[str], roles: list[Role], holders: set[str]) -> str:
    marks = ["✓" if role.value in holders else "" for role in roles]
    return "| " + " | ".join([*first, *marks]) + " |"


def _declared_in() -> dict[str, set[str]]:
    """Which grants modules name each permission (model and collection), for the reader."""
    where: dict[str, set[str]] = defaultdict(set)
    for module in grants_modules():
        for attribute in ("MODEL_PERMISSIONS", "COLLECTION_PERMISSIONS"):
            for labels in getattr(module, attribute, {}).values():
                for label in labels:
                    where[label].add(module.__name__)
    return where


def _meaning(permission) -> str:
    model = permission.content_type.model_class()
    action = permission.codename.split("_", 1)[0]
    thing = str(model._meta.verbose_name) if model is not None else permission.content_type.model
    if action in ACTIONS and permission.codename == f"{action}_{permission.content_type.model}":
        return f"{ACTIONS[action]}{thing}"
    return f"{permission.name}（{thing}）"


def _model_section() -> list[str]:
    holders: dict[object, set[str]] = defaultdict(set)
    groups = Group.objects.filter(name__in=[role.value for role in Role])
    for group in groups.prefetch_related("permissions__content_type"):
        for permission in group.permissions.all():
            holders[permission].add(group.name)
    where = _declared_in()
    roles = _holding(holders)
    lines = ["## 后台权限 · Model permissions", ""]
    lines += _header(["Permission", "含义", "Declared in"], roles)
    for permission in sorted(
        holders, key=lambda p: (p.content_type.app_label, p.content_type.model, p.codename)
    ):
        label = f"{permission.content_type.app_label}.{permission.codename}"
        modules = ", ".join(f"`{name}`" for name in sorted(where.get(label, ())))
        lines.append(
            _row([f"`{label}`", _meaning(permission), modules], roles, holders[permission])
        )
    return lines


def _page_section() -> list[str]:
    holders: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    rows = GroupPagePermission.objects.filter(group__name__in=[role.value for role in Role])
    for row in rows.select_related("group", "page__content_type", "permission"):
        content_type = row.page.content_type
        key = (
            f"{content_type.app_label}.{content_type.model}",
            row.page.url_path,
            row.permission.codename,
        )
        holders[key].add(row.group.name)
    roles = _holding(holders)
    lines = [
        "## 栏目页面权限 · Page permissions",
        "",
        "On every page of the type, and the pages under it.",
    ]
    lines += ["", *_header(["Page type", "Page", "Permission"], roles)]
    for key in sorted(holders):
        lines.append(_row([f"`{key[0]}`", key[1], f"`{key[2]}`"], roles, holders[key]))
    return lines


def _collection_section() -> list[str]:
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    rows = GroupCollectionPermission.objects.filter(group__name__in=[role.value for role in Role])
    for row in rows.select_related("group", "collection", "permission__content_type"):
        label = f"{row.permission.content_type.app_label}.{row.permission.codename}"
        holders[(row.collection.name, label)].add(row.group.name)
    roles = _holding(holders)
    lines = ["## 图片与文档 · Collection permissions", ""]
    lines += _header(["Collection", "Permission"], roles)
    for key in sorted(holders):
        lines.append(_row([key[0], f"`{key[1]}`"], roles, holders[key]))
    return lines


def _workflow_section() -> list[str]:
    names = [
        workflow["name"]
        for module in grants_modules()
        for workflow in getattr(module, "WORKFLOWS", [])
    ]
    lines = ["## 审核流程 · Workflows", ""]
    for workflow in Workflow.objects.filter(name__in=names).order_by("name"):
        pages = ", ".join(
            sorted(link.page.url_path for link in workflow.workflow_pages.select_related("page"))
        )
        lines.append(f"- **{workflow.name}** on {pages or '(no page)'}:")
        for step, task in enumerate(workflow.tasks.order_by("workflow_tasks__sort_order"), start=1):
            approvers = GroupApprovalTask.objects.get(pk=task.pk).groups.filter(
                name__in=[role.value for role in Role]
            )
            who = ", ".join(sorted(group.name for group in approvers))
            lines.append(f"  {step}. {task.name}, approved by any {who}")
    return lines


def roles_doc_render() -> str:
    """The whole of docs/roles.md, in Chinese labels where the models have them."""
    with translation.override("zh-hans"):
        role_lines = ["## 角色 · Roles", "", "| Role | 角色 | Admin |", "|---|---|:-:|"]
        admin = set(
            Group.objects.filter(
                permissions__codename="access_admin",
                permissions__content_type__app_label="wagtailadmin",
            ).values_list("name", flat=True)
        )
        for role in Role:
            role_lines.append(
                f"| {role.value} | {role.label} | {'✓' if role.value in admin else ''} |"
            )
        sections = [
            [*role_lines, "", "A role without admin access works only on the site's own pages."],
            _model_section(),
            _page_section(),
            _collection_section(),
            _workflow_section(),
        ]
    return INTRO + "\n" + "\n\n".join("\n".join(section) for section in sections) + "\n"
