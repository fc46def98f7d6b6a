"""The `checker` command's sub-apps and what every command shares (`common`): `checker.cli`
wires them into one command tree."""
