"""Everything that shows a :class:`~llmtimeline.Report` or a Timeline: nothing here checks again.

- :mod:`~llmtimeline.views.reading`: what views read from a Timeline and its Report (display titles, the report's view columns);
- :mod:`~llmtimeline.views.frames`: records as DataFrames;
- :mod:`~llmtimeline.views.display`: the notebook summary of a Timeline;
- :mod:`~llmtimeline.views.plot`: the charts (matplotlib, imported on first use);
- :mod:`~llmtimeline.views.html`: the one-page report;
- :mod:`~llmtimeline.views.exports`: TimelineJS, ClaimReview, iCalendar (one registry of formats);
- :mod:`~llmtimeline.views.palette`: status colours for plots, HTML and terminals (from :mod:`llmtimeline.status`);
- :mod:`~llmtimeline.views.terminal`: the command line's tables.

Importing this package imports none of them.
"""
