"""Give each inline script to a page once.

sphinx-thebe adds an inline script that declares constants after the HTML builder has started. Sphinx
7.4 then lists that script twice (once with the file name ``None``, once with ``''``), and the second
copy stops the page with "Identifier 'THEBE_JS_URL' has already been declared". This removes the
repeat from every page's list of scripts.
"""


def drop_repeated_scripts(app, pagename, templatename, context, doctree):
    seen, unique = set(), []
    for script in context.get("script_files", []):
        key = (getattr(script, "filename", script) or "", tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app):
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
