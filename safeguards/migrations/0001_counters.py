# The Counter model moved here from the project package, which created its table: the table and
# its rows stay as they are (same name), only Django's idea of which app owns it changes.

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('newsroom', '0001_counters'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Counter',
                    fields=[
                        ('key', models.CharField(max_length=64, primary_key=True, serialize=False)),
                        ('count', models.PositiveIntegerField(default=0)),
                        ('expires_at', models.DateTimeField(db_index=True)),
                    ],
                    options={'db_table': 'newsroom_counter'},
                ),
            ],
            database_operations=[],
        ),
    ]
