package dev.tideline.mysql.model;

/** What an index is: an ordinary (B-tree) index, UNIQUE, the PRIMARY KEY, FULLTEXT or SPATIAL. */
public enum IndexKind { PLAIN, UNIQUE, PRIMARY, FULLTEXT, SPATIAL }
