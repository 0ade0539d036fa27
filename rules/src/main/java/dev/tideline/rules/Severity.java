package dev.tideline.rules;

/** Finding severity; ERROR findings make {@code tideline lint} exit 1. */
public enum Severity { ERROR, WARNING, INFO }
