from django.db import migrations


def seed(apps, schema_editor):
    from search.text import DATA, parse_synonym_lines

    group = apps.get_model("search", "SynonymGroup")
    if group.objects.exists():
        return
    text = (DATA / "synonyms.txt").read_text(encoding="utf-8")
    group.objects.bulk_create(
        group(terms=", ".join(terms)) for terms in parse_synonym_lines(text)
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_tables")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
