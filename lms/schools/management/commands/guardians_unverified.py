from django.core.management.base import BaseCommand, CommandError

from lms.schools.models import School
from lms.schools.selectors.guardians import guardians_unverified
from lms.sms import phone_mask


class Command(BaseCommand):
    help = (
        "List families linked to a child whose account's number was never verified by an SMS "
        "code and whom no teacher has confirmed (claims made before codes were required). "
        "Teachers confirm or remove them on the class page. Numbers are masked."
    )

    def add_arguments(self, parser):
        parser.add_argument("--school", help="only this school (its code)")

    def handle(self, *args, school: str | None = None, **options):
        found_school = None
        if school:
            found_school = School.objects.filter(code=school).first()
            if found_school is None:
                raise CommandError(f"--school: no school with code {school!r}")
        rows = list(guardians_unverified(school=found_school))
        for guardian in rows:
            school_class = guardian.student.school_class
            self.stdout.write(
                "\t".join(
                    [
                        school_class.school.code,
                        str(school_class),
                        guardian.student.nickname,
                        guardian.get_relation_display(),
                        phone_mask(guardian.user.phone),
                        guardian.joined_at.date().isoformat() if guardian.joined_at else "-",
                    ]
                )
            )
        self.stdout.write(f"{len(rows)} unverified famil{'y' if len(rows) == 1 else 'ies'}")
