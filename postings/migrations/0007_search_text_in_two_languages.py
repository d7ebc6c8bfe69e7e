"""Every posting's search text rebuilt in both languages, its Chinese segmented into words.

The text comes from postings.models.posting_search_text, which reads only
stored columns (the `_en` and `_zh_hans` ones) and relations, so it is given
this migration's historical rows. On PostgreSQL the trigger of migration 0002
rebuilds each row's full-text vector as its text is written. Batches keep
memory flat; an empty database has nothing to do. Going back leaves the text
as it is: the earlier search finds its words in it too.
"""

from django.db import migrations

BATCH = 500


def refresh_search_text(apps, schema_editor):
    from postings.models import posting_search_text

    posting_model = apps.get_model("postings", "Posting")
    rows = posting_model.objects.using(schema_editor.connection.alias)
    pks = list(rows.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        postings = list(
            rows.filter(pk__in=pks[start : start + BATCH])
            .select_related("unit", "category")
            .prefetch_related("skills", "locations")
            .only(
                "pk",
                "search_text",
                "title_en",
                "title_zh_hans",
                "description_en",
                "description_zh_hans",
                "requirements_en",
                "requirements_zh_hans",
                "unit__name_en",
                "unit__name_zh_hans",
                "category__name_en",
                "category__name_zh_hans",
            )
        )
        changed = []
        for posting in postings:
            text = posting_search_text(posting)
            if text != posting.search_text:
                posting.search_text = text
                changed.append(posting)
        rows.bulk_update(changed, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("postings", "0006_catalogue_in_two_languages")]

    operations = [migrations.RunPython(refresh_search_text, migrations.RunPython.noop, elidable=True)]
