"""PostgreSQL, the shared database of a team: the same store functions, another engine.

`connection.PgDatabase` gives a psycopg connection the `execute`/`query` surface
the store's functions use on SQLite, translating the few SQLite-isms they hold
(placeholders, LIKE, scalar max, INDEXED BY, PRAGMA) once per SQL text;
`schema` mirrors every SQLite migration in PostgreSQL's DDL; `store.PgStore`
is the `Store` of the session core for a database URL.
"""
