"""Seed the synonym groups from search/data/synonyms.txt. The file is parsed here, as
search.text does (NFKC, lower case, one space; groups of two or more): migrations never
import application code."""

import re
import unicodedata
from pathlib import Path

from django.db import migrations

SYNONYMS = Path(__file__).resolve().parent.parent / "data" / "synonyms.txt"


def _groups(text: str) -> list[tuple[str, ...]]:
    groups = []
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        words = (
            " ".join(unicodedata.normalize("NFKC", term).lower().split())
            for term in re.split(r"[,，、]", line)
        )
        terms = tuple(dict.fromkeys(word for word in words if word))
        if len(terms) > 1:
            groups.append(terms)
    return groups


def seed(apps, schema_editor):
    group = apps.get_model("search", "SynonymGroup")
    if group.objects.exists():
        return
    text = SYNONYMS.read_text(encoding="utf-8")
    group.objects.bulk_create(group(terms=", ".join(terms)) for terms in _groups(text))


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_tables")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
