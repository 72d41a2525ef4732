from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One searchable item for the database backend (and the suggestions of both).

    The segmented text lives here and in a full-text table per database (SQLite FTS5 or a
    PostgreSQL tsvector), kept in step by search.backends.database.
    """

    key = models.CharField(max_length=40, unique=True)
    type = models.CharField(max_length=10, db_index=True)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateField(null=True, blank=True)
    # Facet values wrapped in commas (",junior,senior,") so one LIKE finds a value.
    stages = models.CharField(max_length=200, blank=True)
    topics = models.CharField(max_length=1000, blank=True)
    # Segmented text (words separated by spaces) per weighted field.
    title_words = models.TextField(blank=True)
    topic_words = models.TextField(blank=True)
    summary_words = models.TextField(blank=True)
    body_words = models.TextField(blank=True)
    body_text = models.TextField(blank=True)  # for snippets

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self) -> str:
        return self.key

    @property
    def stage_list(self) -> list[str]:
        return [value for value in self.stages.split(",") if value]

    @property
    def topic_list(self) -> list[str]:
        return [value for value in self.topics.split(",") if value]


class SynonymGroup(models.Model):
    """Words parents use for the same thing; a search for one finds the others."""

    terms = models.CharField(
        _("words"),
        max_length=300,
        help_text=_("Comma-separated, e.g. 挑食, 偏食, 饮食习惯."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonyms")

    def __str__(self) -> str:
        return self.terms


class SearchIndexState(models.Model):
    """One row: a random generation that changes with every write to the database index, so
    each process knows when its cached facet table is stale."""

    generation = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.generation
