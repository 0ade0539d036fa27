/* outer /* nested */ still comment */ SELECT E'it\'s', U&'\0041', $tag$ ; $tag$, "Quoted ""id""" FROM "T";
-- trailing ; comment
INSERT INTO t VALUES ('a;b'), ($$x$$);
