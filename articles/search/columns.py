"""The columns the search reads: those of a result, and an expression for a column that no
model field declares."""

from django.db.models.expressions import Expression

# What a result shows of its article (``body_start`` gives its excerpt).
RESULT_FIELDS = (
    "pk",
    "title",
    "slug",
    "standfirst",
    "published_at",
    "section_id",
    "section__name",
    "section__slug",
)


class UndeclaredColumn(Expression):
    """A column that no model field declares: of the query's own table, or of ``alias``."""

    def __init__(self, column, output_field, alias=None):
        super().__init__(output_field=output_field)
        self.column, self.alias = column, alias

    def resolve_expression(self, query=None, *args, **kwargs):
        resolved = self.copy()
        resolved.alias = self.alias or query.get_initial_alias()
        return resolved

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name(self.alias)}.{compiler.quote_name(self.column)}", ()

    def relabeled_clone(self, change_map):
        return type(self)(self.column, self.output_field, change_map.get(self.alias, self.alias))

    def get_group_by_cols(self):
        return [self]
