from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index


class Lecturer(index.Indexed, models.Model):
    """A member of the county's family-education lecturer team (讲师团)."""

    class Category(models.TextChoices):
        ELDERS = "elders", _("Retired teachers and cadres")
        MODEL_WORKER = "model_worker", _("Model worker")
        MORAL_MODEL = "moral_model", _("Moral model")
        ARTIST = "artist", _("Artist")
        TEACHER = "teacher", _("Teacher")
        DOCTOR = "doctor", _("Doctor")
        PSYCHOLOGIST = "psychologist", _("Psychologist")
        POLICE = "police", _("Police officer")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=40)
    title = models.CharField(_("title or position"), max_length=100, blank=True)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.TEACHER
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = RichTextField(_("biography"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("admin account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lecturer_profile",
        help_text=_("The lecturer's own sign-in, if they write courses themselves."),
    )
    import_key = models.CharField(
        max_length=100, unique=True, null=True, blank=True, editable=False
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("title"),
        FieldPanel("category"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("account"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("title"),
        index.SearchField("bio"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("lecturer")
        verbose_name_plural = _("lecturer team")

    def __str__(self) -> str:
        return f"{self.name}（{self.title}）" if self.title else self.name
