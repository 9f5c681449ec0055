"""A copy of the site that works opened from disk: from a shared drive, a USB stick or an
e-mail attachment, with no web server and no internet.

Material's offline plugin does the work: page links end in `index.html` rather than a
folder (a browser shows a folder listing for those from disk), and the search index is
inlined into a script, since a page opened from disk may not fetch files. Search runs in
a web worker, which browsers refuse from disk too; the `iframe-worker` shim stands in for
it. The plugin would fetch that shim from the internet, so the handbook's theme layer
ships it and names it first.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

IFRAME_WORKER = "assets/javascripts/iframe-worker/shim.js"
"""Shipped in the theme layer (generator/theme/); the offline plugin then adds no other."""


def make_offline(config: MkDocsConfig) -> None:
    """Turn on Material's offline plugin for this build (whatever mkdocs.yml says)."""
    from material.plugins.offline.plugin import OfflinePlugin

    polyfills = config.extra.setdefault("polyfills", [])
    if IFRAME_WORKER not in polyfills:
        polyfills.insert(0, IFRAME_WORKER)
    if not any(isinstance(plugin, OfflinePlugin) for plugin in config.plugins.values()):
        plugin = OfflinePlugin()
        errors, warnings = plugin.load_config({})
        assert not errors and not warnings, (errors, warnings)
        config.plugins["material/offline"] = plugin
