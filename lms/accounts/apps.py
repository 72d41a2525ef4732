from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _catalogue_grants_after_tree(sender, **kwargs):
    """Interim, until roles_sync (issue 17, step 3): on a fresh database the sections are made
    by courses after migrate, so their page permissions and the review workflow (migration
    0004, idempotent) are granted again once every app's post_migrate has run."""
    from importlib import import_module

    from django.contrib.auth.models import Group

    from lms.accounts.roles import Role

    # After a test flush there are neither roles nor pages to grant on.
    if Group.objects.filter(name__in=[Role.LECTURER, Role.REVIEWER]).count() < 2:
        return
    import_module("lms.accounts.migrations.0004_catalogue_permissions").grant(apps, None)


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from lms.accounts import throttle  # noqa: F401  (connects the lockout log)

        post_migrate.connect(_catalogue_grants_after_tree, sender=list(apps.get_app_configs())[-1])
