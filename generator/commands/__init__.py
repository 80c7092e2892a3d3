"""The commands of ``sec16``, one module per group, below the command line that parses them.

Each command is a function of plain typed arguments (what ``generator.cli`` read from the
command line) that calls the layers below, prints what the user sees and returns the exit
status. Commands parse no command line and catch no error they cannot answer: a ``Sec16Error``
goes up to ``generator.cli.main``, the one funnel that prints it and picks the exit status.
Heavy modules are imported inside the commands, so that ``sec16 validate`` on XML never loads
pydantic, PyYAML, jinja2 or questionary.
"""
