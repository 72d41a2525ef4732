from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError


class QuizQuestionBlock(blocks.StructBlock):
    """A self-check question. Answers are checked in the browser and never block progress."""

    question = blocks.CharBlock(label=_("Question"), max_length=300)
    choices = blocks.ListBlock(
        blocks.CharBlock(max_length=200), label=_("Choices"), min_num=2, max_num=6
    )
    correct = blocks.IntegerBlock(
        label=_("Number of the correct choice"),
        min_value=1,
        max_value=6,
        help_text=_("1 for the first choice, 2 for the second, …"),
    )
    explanation = blocks.TextBlock(label=_("Explanation"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if value["correct"] > len(value["choices"]):
            raise StructBlockValidationError(
                block_errors={"correct": ValidationError(_("There is no choice with that number."))}
            )
        return value

    class Meta:
        icon = "help"
        label = _("Question")
        template = "courses/blocks/quiz_question.html"
