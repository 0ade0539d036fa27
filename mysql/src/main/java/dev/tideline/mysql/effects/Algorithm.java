package dev.tideline.mysql.effects;

/** How the server carries out an ALTER, cheapest first. NOCOPY exists on MariaDB only. */
public enum Algorithm { INSTANT, NOCOPY, INPLACE, COPY }
