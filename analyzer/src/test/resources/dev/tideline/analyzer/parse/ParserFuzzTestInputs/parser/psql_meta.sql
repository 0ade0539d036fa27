\set ON_ERROR_STOP on
BEGIN;
COPY t (a, b) FROM stdin;
1	2
\.
COMMIT;
\gexec
