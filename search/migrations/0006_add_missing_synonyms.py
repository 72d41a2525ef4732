"""Give existing sites the synonym groups added to search/data/synonyms.txt since they were
seeded (0003 seeds only an empty table).

A migration rather than a command run on every start: it runs once per site, so a group a
reviewer later deletes stays deleted. A file group is added only when no group on the site
already holds all its words, so groups reviewers extended are not added twice. The file is
parsed here, not with search.text: migrations never import application code.
"""

import re
import unicodedata
from pathlib import Path

from django.db import migrations

SYNONYMS = Path(__file__).resolve().parent.parent / "data" / "synonyms.txt"


def _words(line: str) -> tuple[str, ...]:
    line = line.split("#", 1)[0]
    words = (
        " ".join(unicodedata.normalize("NFKC", term).lower().split())
        for term in re.split(r"[,，、]", line)
    )
    return tuple(dict.fromkeys(word for word in words if word))


def add_missing(apps, schema_editor):
    group = apps.get_model("search", "SynonymGroup")
    present = [set(_words(terms)) for terms in group.objects.values_list("terms", flat=True)]
    missing = []
    for line in SYNONYMS.read_text(encoding="utf-8").splitlines():
        words = _words(line)
        if len(words) > 1 and not any(set(words) <= held for held in present):
            missing.append(group(terms=", ".join(words)))
            present.append(set(words))
    group.objects.bulk_create(missing)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_index_state")]
    operations = [migrations.RunPython(add_missing, migrations.RunPython.noop)]
