# The Counter model now belongs to safeguards (its 0001 takes the same table over): forget it
# here without touching the table.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('newsroom', '0001_counters'),
        ('safeguards', '0001_counters'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Counter')],
            database_operations=[],
        ),
    ]
