import io

import pytest
from django.core.management import CommandError, call_command

from courses.models import CoursePage

pytestmark = pytest.mark.django_db


def test_rebuild_reports_and_refuses_a_large_drop(catalogue, settings):
    settings.ELASTICSEARCH_URL = None
    out = io.StringIO()
    call_command("search_index", "rebuild", stdout=out)
    assert "database: 0 → 9 documents, swapped" in out.getvalue()
    for course in CoursePage.objects.live():
        course.unpublish()
    with pytest.raises(CommandError, match="old one is kept"):
        call_command("search_index", "rebuild", stdout=io.StringIO())
    out = io.StringIO()
    call_command("search_index", "rebuild", "--force", "--json", stdout=out)
    assert '"swapped": true' in out.getvalue()


def test_relevance_command_prints_the_measures(catalogue, settings):
    settings.ELASTICSEARCH_URL = None
    call_command("search_index", "rebuild", stdout=io.StringIO())
    out = io.StringIO()
    call_command("search_relevance", "--baseline", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("database: nDCG@10") and lines[1].startswith("wagtail (baseline)")
