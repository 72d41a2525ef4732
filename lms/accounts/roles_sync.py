"""Make the role groups' rights exactly what the installed apps declare.

Every installed app may have a `grants` module of plain data, keyed by role name (a value
of `Role`), the way Wagtail finds `wagtail_hooks`:

    # app_label.codename
    MODEL_PERMISSIONS = {"Reviewer": ["courses.add_topic", ...]}
    # page permission types, on every page of a page type (app_label.model)
    PAGE_PERMISSIONS = {"Lecturer": {"courses.courseindexpage": ["add_page"]}}
    # image and document permissions, on the root collection
    COLLECTION_PERMISSIONS = {"Lecturer": ["wagtailimages.add_image"]}
    # group approval workflows, on every page of the page types
    WORKFLOWS = [{"name": …, "tasks": [{"name": …, "approvers": ["Reviewer"]}],
                  "pages": ["app_label.pagemodel"]}]

`roles_sync()` creates a group per role and makes its model, page and collection
permissions exactly the declared ones: missing ones are added and undeclared ones removed,
including any added by hand in the admin (a role means the same on every install, and
docs/roles.md says what it means). Groups that are not roles (Wagtail's Editors and
Moderators, or any group an administrator creates for extra rights) are never touched.
A declared workflow is created if missing and kept active, with its tasks in order, the
declared roles as the only role groups among each task's approvers, and assigned to the
declared pages. It runs after every `migrate` and as `manage.py roles_sync`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils.module_loading import module_has_submodule
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from lms.accounts.roles import Role

GRANTS_MODULE = "grants"
ROLE_NAMES = tuple(role.value for role in Role)


@dataclass
class Grants:
    """Everything the apps declare, merged (a role's permissions are the union)."""

    model: dict[str, set[str]] = field(default_factory=dict)
    page: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # (page type, codename)
    collection: dict[str, set[str]] = field(default_factory=dict)
    workflows: list[dict] = field(default_factory=list)


def _role_checked(role: str, where: str) -> str:
    if role not in ROLE_NAMES:
        raise ImproperlyConfigured(
            f"{where}: {role!r} is not a role (one of {', '.join(ROLE_NAMES)})"
        )
    return role


def grants_modules() -> Iterator:
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, GRANTS_MODULE):
            yield import_module(f"{app_config.name}.{GRANTS_MODULE}")


def grants_collect() -> Grants:
    grants = Grants()
    for module in grants_modules():
        where = module.__name__
        for role, labels in getattr(module, "MODEL_PERMISSIONS", {}).items():
            grants.model.setdefault(_role_checked(role, where), set()).update(labels)
        for role, by_type in getattr(module, "PAGE_PERMISSIONS", {}).items():
            pairs = {
                (page_type, codename) for page_type, codes in by_type.items() for codename in codes
            }
            grants.page.setdefault(_role_checked(role, where), set()).update(pairs)
        for role, labels in getattr(module, "COLLECTION_PERMISSIONS", {}).items():
            grants.collection.setdefault(_role_checked(role, where), set()).update(labels)
        for workflow in getattr(module, "WORKFLOWS", []):
            for task in workflow["tasks"]:
                for role in task["approvers"]:
                    _role_checked(role, where)
            grants.workflows.append(workflow)
    return grants


class _Permissions:
    """Permission rows by "app_label.codename", failing loudly on a name nobody defines."""

    def __init__(self, using: str):
        self.by_label: dict[str, Permission] = {}
        self.ambiguous: set[str] = set()
        self.labels: dict[int, str] = {}
        for permission in Permission.objects.using(using).select_related("content_type"):
            label = f"{permission.content_type.app_label}.{permission.codename}"
            if label in self.by_label:
                self.ambiguous.add(label)
            self.by_label[label] = permission
            self.labels[permission.pk] = label

    def get(self, label: str) -> Permission:
        if label in self.ambiguous:
            raise ImproperlyConfigured(f"permission {label!r} names more than one model")
        try:
            return self.by_label[label]
        except KeyError:
            raise ImproperlyConfigured(f"no permission {label!r} (app_label.codename)") from None


def _page_model(label: str):
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise ImproperlyConfigured(f"no page type {label!r} (app_label.model)") from None
    if not issubclass(model, Page):
        raise ImproperlyConfigured(f"{label!r} is not a page type")
    return model


def _page_label(page: Page) -> str:
    return f"{page.url_path} ({page.content_type.app_label}.{page.content_type.model})"


def _rows_sync(changes, *, what, table, columns, current, wanted, label, groups, dry_run, using):
    """Make the (role, *columns) rows of `table` for role groups exactly `wanted`."""
    to_add, to_remove = wanted - current, current - wanted
    for sign, rows in (("+", to_add), ("-", to_remove)):
        changes.extend(f"{row[0]}: {sign} {what} {label(row)}" for row in rows)
    if dry_run:
        return
    manager = table.objects.using(using)
    manager.bulk_create(
        [
            table(group_id=groups[row[0]].pk, **dict(zip(columns, row[1:], strict=True)))
            for row in to_add
        ]
    )
    for row in to_remove:
        manager.filter(group__name=row[0], **dict(zip(columns, row[1:], strict=True))).delete()


def _model_permissions_sync(changes, grants, groups, permissions, *, dry_run, using):
    table = Group.permissions.through
    current = set(
        table.objects.using(using)
        .filter(group__name__in=ROLE_NAMES)
        .values_list("group__name", "permission_id")
    )
    wanted = {
        (role, permissions.get(label).pk)
        for role, labels in grants.model.items()
        for label in labels
    }
    _rows_sync(
        changes,
        what="permission",
        table=table,
        columns=("permission_id",),
        current=current,
        wanted=wanted,
        label=lambda row: permissions.labels[row[1]],
        groups=groups,
        dry_run=dry_run,
        using=using,
    )


def _page_permissions_sync(changes, grants, groups, permissions, *, dry_run, using):
    current = set(
        GroupPagePermission.objects.using(using)
        .filter(group__name__in=ROLE_NAMES)
        .values_list("group__name", "page_id", "permission_id")
    )
    wanted = set()
    for role, pairs in grants.page.items():
        for page_type, codename in pairs:
            permission = permissions.get(f"wagtailcore.{codename}")
            for page_id in _page_model(page_type).objects.using(using).values_list("pk", flat=True):
                wanted.add((role, page_id, permission.pk))
    pages = {
        page.pk: page
        for page in Page.objects.using(using)
        .filter(pk__in={row[1] for row in current | wanted})
        .select_related("content_type")
    }
    _rows_sync(
        changes,
        what="page permission",
        table=GroupPagePermission,
        columns=("page_id", "permission_id"),
        current=current,
        wanted=wanted,
        label=lambda row: f"{permissions.labels[row[2]]} on {_page_label(pages[row[1]])}",
        groups=groups,
        dry_run=dry_run,
        using=using,
    )


def _collection_permissions_sync(changes, grants, groups, permissions, *, dry_run, using):
    current = set(
        GroupCollectionPermission.objects.using(using)
        .filter(group__name__in=ROLE_NAMES)
        .values_list("group__name", "collection_id", "permission_id")
    )
    root = Collection.objects.using(using).filter(depth=1).first()
    wanted = set()
    if root is not None:  # none only in a flushed test database
        for role, labels in grants.collection.items():
            wanted |= {(role, root.pk, permissions.get(label).pk) for label in labels}
    names = dict(Collection.objects.using(using).values_list("pk", "name"))
    _rows_sync(
        changes,
        what="collection permission",
        table=GroupCollectionPermission,
        columns=("collection_id", "permission_id"),
        current=current,
        wanted=wanted,
        label=lambda row: f"{permissions.labels[row[2]]} on collection {names[row[1]]}",
        groups=groups,
        dry_run=dry_run,
        using=using,
    )


def _workflow_sync(
    changes: list[str], declared: dict, groups, *, dry_run: bool, using: str
) -> None:
    name = declared["name"]
    workflow = Workflow.objects.using(using).filter(name=name).first()
    if workflow is None:
        changes.append(f"workflow {name}: + created")
        if dry_run:
            workflow = Workflow(name=name, active=True)
        else:
            workflow = Workflow.objects.using(using).create(name=name, active=True)
    elif not workflow.active:
        changes.append(f"workflow {name}: + active again")
        if not dry_run:
            Workflow.objects.using(using).filter(pk=workflow.pk).update(active=True)
    for order, declared_task in enumerate(declared["tasks"]):
        _task_sync(changes, workflow, order, declared_task, groups, dry_run=dry_run, using=using)
    for page_type in declared["pages"]:
        for page in _page_model(page_type).objects.using(using).select_related("content_type"):
            link = WorkflowPage.objects.using(using).filter(page_id=page.pk).first()
            if link is not None and workflow.pk is not None and link.workflow_id == workflow.pk:
                continue
            changes.append(f"workflow {name}: + on {_page_label(page)}")
            if not dry_run:
                WorkflowPage.objects.using(using).update_or_create(
                    page_id=page.pk, defaults={"workflow": workflow}
                )


def _task_sync(changes, workflow, order, declared, groups, *, dry_run, using) -> None:
    name, where = declared["name"], f"workflow {workflow.name}, task {declared['name']}"
    task = GroupApprovalTask.objects.using(using).filter(name=name).first()
    if task is None:
        changes.append(f"{where}: + created")
        if dry_run:
            for role in declared["approvers"]:
                changes.append(f"{where}: + approver {role}")
            return
        task = GroupApprovalTask.objects.using(using).create(name=name, active=True)
    elif not task.active:
        changes.append(f"{where}: + active again")
        if not dry_run:
            GroupApprovalTask.objects.using(using).filter(pk=task.pk).update(active=True)
    linked = workflow.pk is not None and (
        WorkflowTask.objects.using(using).filter(workflow=workflow, task=task).exists()
    )
    if not linked:
        changes.append(f"{where}: + step {order + 1}")
        if not dry_run:
            WorkflowTask.objects.using(using).create(workflow=workflow, task=task, sort_order=order)
    current = set(task.groups.filter(name__in=ROLE_NAMES).values_list("name", flat=True))
    wanted = set(declared["approvers"])
    for role in sorted(wanted - current):
        changes.append(f"{where}: + approver {role}")
        if not dry_run:
            task.groups.add(groups[role])
    for role in sorted(current - wanted):
        changes.append(f"{where}: - approver {role}")
        if not dry_run:
            task.groups.remove(groups[role])


def roles_sync(*, dry_run: bool = False, using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Bring the database to the declarations; returns what differed ("Role: + …"/"- …").

    With dry_run, only reports. Running it twice changes nothing the second time.
    """
    grants = grants_collect()
    changes: list[str] = []
    with transaction.atomic(using=using):
        existing = {
            group.name: group for group in Group.objects.using(using).filter(name__in=ROLE_NAMES)
        }
        for role in ROLE_NAMES:
            if role not in existing:
                changes.append(f"{role}: + group")
                if not dry_run:
                    existing[role] = Group.objects.using(using).create(name=role)
        groups = (
            existing if not dry_run else {r: existing.get(r, Group(name=r)) for r in ROLE_NAMES}
        )
        permissions = _Permissions(using)
        for sync in (_model_permissions_sync, _page_permissions_sync, _collection_permissions_sync):
            sync(changes, grants, groups, permissions, dry_run=dry_run, using=using)
        for workflow in grants.workflows:
            _workflow_sync(changes, workflow, groups, dry_run=dry_run, using=using)
    return sorted(changes)


def _tables_ready(using: str, grants_models) -> bool:
    tables = set(connections[using].introspection.table_names())
    return all(model._meta.db_table in tables for model in grants_models)


def roles_sync_after_migrate(sender, *, using=DEFAULT_DB_ALIAS, verbosity=1, stdout=None, **kwargs):
    """post_migrate receiver: runs once, for the last app that has models, when every
    app's migrations (and so its permission rows) are in place."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    if kwargs.get("plan") is None:
        # `flush` (between transactional tests) sends post_migrate without a plan: the roles
        # stay as the flush left them, as before, so serialized test data can be restored.
        return
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is not with_models[-1]:
        return
    needed = [
        Group,
        Permission,
        GroupPagePermission,
        GroupCollectionPermission,
        Collection,
        Workflow,
        WorkflowTask,
        WorkflowPage,
        GroupApprovalTask,
    ]
    if not _tables_ready(using, needed):  # a partial or backwards migrate
        return
    # This receiver may run before auth's own for this last app; its rows are wanted now.
    create_contenttypes(sender, verbosity=0, using=using)
    create_permissions(sender, verbosity=0, using=using)
    changes = roles_sync(using=using)
    if verbosity >= 1 and changes and stdout is not None:
        stdout.write(f"Roles synced ({len(changes)} changes):")
        for change in changes:
            stdout.write(f"  {change}")
