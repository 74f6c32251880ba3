"""The pages a reader opens: the index (findings first, then provenance), the evidence tables
under the charts, paths shown without the machine's folders, and the browser check.

``index``: ``render_index`` (Jinja2, escaping by default) and ``key_chart_thumbnail``;
``findings``: a report's key figures in words, from the CSV files its notebook wrote;
``evidence``: ``evidence_html``, the rows behind a chart with article title, outlet, date and
link; ``paths``: ``display_path`` and ``redact_paths``; ``browser``: ``check_pages`` (headless
Chromium, needs selenium and Debian's ``chromium`` and ``chromium-driver``).
"""
