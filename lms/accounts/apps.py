from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from lms.accounts import throttle  # noqa: F401  (connects the lockout log)
        from lms.accounts.roles_sync import roles_sync_after_migrate

        # After every migrate the role groups get exactly the rights the apps declare.
        post_migrate.connect(roles_sync_after_migrate, dispatch_uid="lms.accounts.roles_sync")
