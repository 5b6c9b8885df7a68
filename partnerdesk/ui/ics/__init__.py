"""iCalendar (.ics) import and export in the app: the File menu entries and their dialogs.

The engine lives below: ``services/event_import.py`` and ``services/event_export.py`` (over ``interop/``); this
package only asks the user what to do, runs the work off the UI thread (``ui/jobs.BackgroundJob``) and announces
what changed through the context's change hub.
"""
