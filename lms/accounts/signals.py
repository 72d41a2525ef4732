"""Hooks for the floors above: accounts never imports them (see ARCHITECTURE)."""

from django.dispatch import Signal

# Sent by services.phone_verified_mark with `user` once the person proved they hold the phone
# (an SMS code). lms.schools links roster entries carrying the number then, and only then.
phone_verified = Signal()
