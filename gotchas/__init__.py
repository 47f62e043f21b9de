"""Callback Gotchas, the site's code, in layers whose imports run one way:

content   lessons read from lessons/<slug>/ and validated; no Dash app involved
serving   HTTP concerns shared by the site and every example app
examples  each example file imported, isolated and mounted as its own Dash app
page      the site's components: shell, lesson page, sandbox, code
catalog   the loaded lessons and mounted examples, built once at import
"""
