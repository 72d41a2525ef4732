from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _catalogue_grants_after_tree(sender, **kwargs):
    """Interim, until roles_sync (issue 17, step 3): on a fresh database the sections are made
    by courses after migrate, after migration 0004 found none; so 0004's grants run once more,
    as a migration would, only while the sections carry none of the roles' permissions."""
    from importlib import import_module

    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    from courses.models import CourseIndexPage, TalkIndexPage
    from lms.accounts.roles import Role

    roles = Group.objects.filter(name__in=[Role.LECTURER, Role.REVIEWER])
    sections = [*CourseIndexPage.objects.all(), *TalkIndexPage.objects.all()]
    if roles.count() < 2 or not sections:
        return  # e.g. after a test flush: neither roles nor pages to grant on
    if GroupPagePermission.objects.filter(group__in=roles, page__in=sections).exists():
        return  # granted already; an administrator's later changes stay
    import_module("lms.accounts.migrations.0004_catalogue_permissions").grant(apps, None)


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from lms.accounts import throttle  # noqa: F401  (connects the lockout log)

        # post_migrate is sent only for apps with models, in INSTALLED_APPS order.
        last = [config for config in apps.get_app_configs() if config.models_module][-1]
        post_migrate.connect(_catalogue_grants_after_tree, sender=last)
