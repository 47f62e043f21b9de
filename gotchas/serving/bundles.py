"""Dash's bundles as the examples' frames load them, less what only a debugger reads.

The dev-tools renderer (`dash_renderer.dev.js`, which the dev-tools UI of the
examples needs) ends in its source map, inline: 4.8 of its 8 MB, 1.2 of its
1.8 MB gzipped, downloaded with every cold lesson and scanned by every frame.
The code before it is served unchanged; browser dev tools then show the
renderer as it is written instead of its webpack sources.
"""

from flask import request

from gotchas.serving.compression import SUITES

INLINE_MAP = b"\n//# sourceMappingURL=data:"


def strip_inline_source_maps(server):
    @server.after_request
    def strip(response):
        if (
            response.status_code != 200
            or not request.path.startswith(SUITES)
            or not request.path.endswith(".js")
            or "Content-Encoding" in response.headers
        ):
            return response
        response.direct_passthrough = False
        data = response.get_data()
        # Only a map that is the file's last line: one built into a string
        # inside the code (style-loader writes such) is code.
        at = data.rfind(INLINE_MAP)
        if at != -1 and b"\n" not in data[at + 1 :].rstrip():
            response.set_data(data[: at + 1])
        return response
