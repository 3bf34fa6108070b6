"""When to build: the household, its money, the livability rules and the build-sequence optimizer."""
