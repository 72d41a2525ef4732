"""The ledger's link, for pages of other apps: shown only to those the ledger lets in
(anyone else would meet a 404 and an audited refusal)."""

from django import template

from lms.support.access import is_designated

register = template.Library()


@register.filter
def may_enter_ledger(user) -> bool:
    return is_designated(user=user)
