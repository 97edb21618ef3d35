"""Topics the annual cycle placed before topics had `wanted_for` get their occurrence, so those
awaiting a date read apart on the forward plan ("(maj 2027)")."""

from django.db import migrations


def fill(apps, schema_editor):
    Placement = apps.get_model("cycle", "Placement")
    PlannedTopic = apps.get_model("meetings", "PlannedTopic")
    for topic_id, occurrence in Placement.objects.filter(
        topic__wanted_for__isnull=True
    ).values_list("topic_id", "occurrence"):
        PlannedTopic.objects.filter(pk=topic_id).update(wanted_for=occurrence)


class Migration(migrations.Migration):
    dependencies = [
        ("cycle", "0001_initial"),
        ("meetings", "0009_planned_topic_wanted_for"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
