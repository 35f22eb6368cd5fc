"""Use cases: each takes a unit of work and ports, commits explicitly, rolls back otherwise."""
