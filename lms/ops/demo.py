"""Demo accounts for trying the platform: one per role, printed by `make run`."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.roles import Role
from lms.accounts.services import user_create

DEMO_PASSWORD = "jiazhang2026"  # noqa: S105 - published on purpose; demo data only


@dataclass(frozen=True)
class DemoAccount:
    username: str
    phone: str | None
    display_name: str
    role: Role | None
    superuser: bool = False

    @property
    def sign_in(self) -> str:
        return self.phone or self.username


DEMO_ACCOUNTS = [
    DemoAccount("demo-admin", None, "系统管理员", None, superuser=True),
    DemoAccount("demo-parent", "13800000001", "小明妈妈", Role.PARENT),
    DemoAccount("demo-grandparent", "13800000002", "小明奶奶", Role.PARENT),
    DemoAccount("demo-lecturer", None, "王老师（讲师团）", Role.LECTURER),
    DemoAccount("demo-reviewer", None, "县家庭教育审核员", Role.REVIEWER),
    DemoAccount("demo-teacher", None, "李老师", Role.TEACHER),
    DemoAccount("demo-schooladmin", None, "学校管理员", Role.SCHOOL_ADMIN),
    DemoAccount("demo-bureau", None, "县教育局", Role.BUREAU_ADMIN),
    DemoAccount("demo-station", None, "东街社区指导站", Role.STATION_STAFF),
    DemoAccount("demo-partner", None, "县妇联", Role.PARTNER),
    # Names who may open the support ledger (帮扶台账); no other demo account can.
    DemoAccount("demo-ledger", None, "县教育局台账管理员", Role.LEDGER_OFFICER),
]


def demo_accounts_ensure() -> list[tuple[DemoAccount, bool]]:
    """Create the missing demo accounts; existing ones (and their passwords) are kept."""
    existing = set(
        get_user_model()
        .objects.filter(username__in=[account.username for account in DEMO_ACCOUNTS])
        .values_list("username", flat=True)
    )
    results = []
    for account in DEMO_ACCOUNTS:
        created = account.username not in existing
        if created:
            user_create(
                username=account.username,
                password=DEMO_PASSWORD,
                phone=account.phone,
                display_name=account.display_name,
                roles=[account.role] if account.role else [],
                is_superuser=account.superuser,
                # Demo numbers stand for proved ones, so the demo roster links the families.
                phone_verified_at=timezone.now() if account.phone else None,
            )
        results.append((account, created))
    return results


def demo_role_label(account: DemoAccount) -> str:
    return _("Administrator") if account.superuser else str(account.role.label)


def demo_sign_in_lines() -> list[str]:
    """The sign-ins of the demo accounts that exist, one line each, for the console."""
    present = set(
        get_user_model()
        .objects.filter(username__in=[account.username for account in DEMO_ACCOUNTS])
        .values_list("username", flat=True)
    )
    return [
        f"    {demo_role_label(account):<28} {account.sign_in:<18} {account.display_name}"
        for account in DEMO_ACCOUNTS
        if account.username in present
    ]
