"""Date and number formats of the site's languages (settings.FORMAT_MODULE_PATH), over Django's own.

Chinese offices write 2025年6月30日 and type it so too; Django's zh_Hans input formats carry that
one as ``%Y年%n月%j日``, which ``strptime`` cannot read (``%n`` is no directive, ``%j`` the day of
the year), so a date typed the way it is printed was refused. The formats here read it.
"""
