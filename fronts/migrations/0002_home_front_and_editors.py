from django.contrib.auth.management import create_permissions
from django.db import migrations


def add_home_front_and_editors_permissions(apps, schema_editor):
    apps.get_model("fronts", "Front").objects.get_or_create(section=None)

    # Permissions are normally created after all migrations ran; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*Permission.objects.filter(content_type__app_label="fronts"))


def remove_editors_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Editors"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="fronts"))


class Migration(migrations.Migration):
    dependencies = [
        ("fronts", "0001_initial"),
        ("articles", "0002_editors_group"),
    ]

    operations = [
        migrations.RunPython(add_home_front_and_editors_permissions, remove_editors_permissions)
    ]
