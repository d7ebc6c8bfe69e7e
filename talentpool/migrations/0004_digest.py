"""The recruiters' daily digest of new matches: one row a day, and each suggestion names the digest that announced
it (talentpool/digest.py)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('talentpool', '0003_invitation_reasons'),
    ]

    operations = [
        migrations.CreateModel(
            name='Digest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(unique=True, verbose_name='day')),
                ('suggestions_count', models.PositiveIntegerField(default=0, verbose_name='new suggestions')),
                ('recipients_count', models.PositiveIntegerField(default=0, verbose_name='recipients')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='sent')),
            ],
            options={
                'verbose_name': 'digest of new matches',
                'verbose_name_plural': 'digests of new matches',
                'ordering': ['-day'],
            },
        ),
        migrations.AddField(
            model_name='suggestion',
            name='digest',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='suggestions', to='talentpool.digest', verbose_name='digest'),
        ),
    ]
