# Which SDGs the kommune has chosen is now set per plan (plans.Plan.chosen_sdgs); the plans
# migration copies the old choice to every plan before the column goes.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0005_municipality_coat_of_arms_user_label"),
        ("plans", "0004_strategic_plan_course_per_year_and_chosen_sdgs"),
    ]

    operations = [
        migrations.RemoveField(model_name="historicalsdg", name="chosen"),
        migrations.RemoveField(model_name="sdg", name="chosen"),
    ]
