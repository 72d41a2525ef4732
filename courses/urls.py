app_name = "courses"

# Talk sign-ups moved to lms.activities (they send reminders and show organisers a list);
# the catalogue's pages are served by Wagtail.
urlpatterns: list = []
