"""The command line: ``main`` declares the commands and flags; one module per concern below it (``init``,
``infer``, ``fixes``, ``output``, ``ruledocs``, ``messages``). Like the CLI, they print and exit; nothing below
imports them."""
