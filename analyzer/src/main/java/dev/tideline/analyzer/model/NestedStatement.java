package dev.tideline.analyzer.model;

import java.util.List;

/** A statement found inside a DO block or function body, located in the enclosing file (1-based). */
public record NestedStatement(int line, int column, String text, List<Operation> operations) {}
