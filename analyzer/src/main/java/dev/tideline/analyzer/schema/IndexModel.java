package dev.tideline.analyzer.schema;

import dev.tideline.analyzer.model.TableRef;
import java.util.List;

/** An index (including those backing UNIQUE / PRIMARY KEY constraints). */
public record IndexModel(TableRef name, TableRef table, List<String> columns, boolean unique, String where) {}
