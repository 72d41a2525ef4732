"""Who may do what in the catalogue.

Lecturers add pages (and so edit only their own) and submit them for review;
Reviewers edit and publish anything in the catalogue and approve submissions
through the county review workflow, which covers every page under the home page.
"""

from django.db import migrations

from lms.accounts.roles import Role, role_permissions_grant

LECTURER_PAGE_PERMISSIONS = ["add_page"]
REVIEWER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
LECTURER_COLLECTION = ["add_image", "choose_image", "add_document", "choose_document"]
REVIEWER_COLLECTION = [*LECTURER_COLLECTION, "change_image", "change_document", "delete_image", "delete_document"]


def _permission(apps, app_label, model, codename):
    content_type, _ = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label=app_label, model=model
    )
    permission, _ = apps.get_model("auth", "Permission").objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return permission


def grant(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    page_permission_model = apps.get_model("wagtailcore", "GroupPagePermission")
    collection_permission_model = apps.get_model("wagtailcore", "GroupCollectionPermission")
    collection = apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
    lecturer = group_model.objects.get(name=Role.LECTURER.value)
    reviewer = group_model.objects.get(name=Role.REVIEWER.value)

    sections = []
    for model_name in ("courseindexpage", "talkindexpage"):
        sections += list(apps.get_model("courses", model_name).objects.all())
    for page in sections:
        for group, codenames in ((lecturer, LECTURER_PAGE_PERMISSIONS), (reviewer, REVIEWER_PAGE_PERMISSIONS)):
            for codename in codenames:
                page_permission_model.objects.get_or_create(
                    group=group, page_id=page.pk,
                    permission=_permission(apps, "wagtailcore", "page", codename),
                )
    for group, codenames in ((lecturer, LECTURER_COLLECTION), (reviewer, REVIEWER_COLLECTION)):
        for codename in codenames:
            model = "image" if codename.endswith("image") else "document"
            app = "wagtailimages" if model == "image" else "wagtaildocs"
            collection_permission_model.objects.get_or_create(
                group=group, collection=collection, permission=_permission(apps, app, model, codename)
            )
    role_permissions_grant(
        apps, Role.REVIEWER.value,
        [("courses", model, f"{action}_{model}") for model in ("lecturer", "topic")
         for action in ("add", "change", "delete", "view")],
    )

    # The county review workflow: one approval step by any Reviewer.
    content_type_model = apps.get_model("contenttypes", "ContentType")
    task_type, _ = content_type_model.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task, _ = apps.get_model("wagtailcore", "GroupApprovalTask").objects.get_or_create(
        name="县级审核", defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(reviewer)
    workflow, _ = apps.get_model("wagtailcore", "Workflow").objects.get_or_create(name="县级审核流程", defaults={"active": True})
    apps.get_model("wagtailcore", "WorkflowTask").objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # The home page is courses.HomePage now; this migration predates that, so it asks for a page.
    home = (
        apps.get_model("wagtailcore", "Page")
        .objects.filter(depth=2, content_type__model="homepage")
        .first()
    )
    if home is not None:
        apps.get_model("wagtailcore", "WorkflowPage").objects.update_or_create(
            page_id=home.pk, defaults={"workflow": workflow}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_media_permissions"),
        ("courses", "0002_stages_and_topics"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
