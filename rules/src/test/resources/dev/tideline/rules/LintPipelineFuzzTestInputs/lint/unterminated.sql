SELECT 'never closed;
CREATE TABLE t (a int);
/* open comment
