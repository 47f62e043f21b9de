"""Read the dev-tools settings an example gives to its own `app.run(...)`.

The site never calls `app.run`, so the settings an example file asks for
there are read from its source and applied with `app.enable_dev_tools`.
"""

import ast

DEV_TOOLS_KEYS = {"debug", "dev_tools_ui", "dev_tools_props_check", "dev_tools_validate_callbacks"}
SERVER_ONLY_KEYS = {"host", "port", "use_reloader", "threaded", "jupyter_mode"}


def run_settings(path, source):
    """The literal keyword arguments of the file's `app.run(...)` call."""
    calls = [
        node
        for node in ast.walk(ast.parse(source, filename=str(path)))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "run"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "app"
    ]
    if len(calls) != 1:
        raise ValueError(f"{path}: an example ends with exactly one `app.run(...)`")
    settings = {}
    for keyword in calls[0].keywords:
        if keyword.arg in SERVER_ONLY_KEYS:
            continue
        if keyword.arg not in DEV_TOOLS_KEYS:
            raise ValueError(f"{path}: app.run({keyword.arg}=...) is not supported on the site")
        try:
            settings[keyword.arg] = ast.literal_eval(keyword.value)
        except ValueError:
            raise ValueError(f"{path}: app.run({keyword.arg}=...) must be a literal") from None
    return settings
