from django.db import models


class Counter(models.Model):
    """Events counted in a time window, shared by every app process (``safeguards.counters``):
    failed admin logins, comments sent. The key is a keyed hash, never an address or a name."""

    key = models.CharField(max_length=64, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "newsroom_counter"  # created under the project package, before the move

    def __str__(self):
        return f"{self.key[:12]}…: {self.count}"
