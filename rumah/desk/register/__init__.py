"""The register of the families a clinic serves (needs ``pip install 'rumah[register]'``).

What the web desk calls (all in :mod:`rumah.desk.register.families`):

- :func:`open_register` (a SQLite file, a ``postgresql://`` URL, or the user's data folder)
  returns a :class:`Register`;
- ``save_household`` / ``household`` / ``versions`` / ``version_text`` / ``find_nik``: families and
  every saved version of their household file, with the version check (:class:`EditConflict`);
- ``families``: a page of the list, searched by name or village, by status;
- ``record_quote`` / ``record_quote_of`` / ``quotes``: quotes issued and their PDF digests;
- ``record_visit`` / ``visits`` / ``plan``: follow-up visits and the re-plan from them;
- ``monthly_report`` / ``family_list`` / ``backup``: the report, the export and the backup.
"""
