package dev.tideline.analyzer.locks;

import static dev.tideline.analyzer.model.LockMode.ACCESS_EXCLUSIVE;

import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.Operation.DropConstraint;
import dev.tideline.analyzer.model.Operation.ObjectChange;
import dev.tideline.analyzer.schema.ColumnModel;
import dev.tideline.analyzer.schema.SchemaView;
import dev.tideline.analyzer.schema.TableModel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code CASCADE} drops with an object, as far as the schema model can see it, and the locks that takes: each
 * dependent column, default or foreign key is removed by an ALTER TABLE on its table, under ACCESS EXCLUSIVE (checked
 * on real servers by the conformance suite). Dependents the model does not track (views, triggers, functions' uses)
 * are named in a note instead.
 */
final class Cascade {
    private Cascade() {}

    /** The types the common extensions create: DROP EXTENSION … CASCADE drops every column of one of them. */
    private static final Map<String, List<String>> EXTENSION_TYPES = Map.of(
            "citext", List.of("citext"), "hstore", List.of("hstore"), "ltree", List.of("ltree", "lquery", "ltxtquery"),
            "cube", List.of("cube"), "vector", List.of("vector", "halfvec", "sparsevec"),
            "postgis", List.of("geometry", "geography", "box2d", "box3d"), "isn", List.of("ean13", "isbn", "isbn13",
                    "ismn", "ismn13", "issn", "issn13", "upc"), "seg", List.of("seg"));

    private static final Set<String> TYPE_KINDS = Set.of("TYPE", "DOMAIN");
    private static final Set<String> ROUTINE_KINDS = Set.of("FUNCTION", "PROCEDURE", "ROUTINE", "AGGREGATE");

    /** {@code DROP <object> … CASCADE}: locks on the tables whose columns or defaults depend on the object. */
    static void dropObject(ObjectChange op, SchemaView s, Effect e) {
        String name = op.name() == null ? "" : unqualified(op.name());
        String type = op.objectType();
        List<String> types = TYPE_KINDS.contains(type) ? List.of(name)
                : "EXTENSION".equals(type) ? EXTENSION_TYPES.getOrDefault(name, List.of()) : List.of();
        for (TableModel t : s.tables()) {
            for (ColumnModel c : t.columns().values()) {
                boolean column = c.type() != null && types.contains(baseType(c.type()));
                boolean defaultCalls = ROUTINE_KINDS.contains(type) && c.defaultExpr() != null && calls(c.defaultExpr(), name);
                if (column || defaultCalls) e.lock(t.ref(), ACCESS_EXCLUSIVE, true);
            }
        }
        e.note("CASCADE also drops what depends on " + op.name() + ": columns of its types and defaults calling it are "
                + "seen here; views, triggers, constraints and functions that use it are dropped without being listed");
    }

    /** {@code DROP CONSTRAINT key CASCADE}: the foreign keys that reference the key go, on their own tables. */
    static void dropConstraint(DropConstraint op, SchemaView s, Effect e) {
        // unknown key: every foreign key to the table may go with it
        List<String> key = s.table(op.table()).flatMap(t -> t.constraints().stream()
                .filter(c -> op.name().equals(c.name())).findFirst()).map(ConstraintDef::columns).orElse(null);
        for (TableModel t : s.tables()) {
            if (t.ref().sameAs(op.table())) continue;
            for (ConstraintDef c : t.constraints()) {
                if (c.kind() != ConstraintDef.Kind.FOREIGN_KEY || !op.table().sameAs(c.referencedTable())) continue;
                if (key == null || key.equals(referencedColumns(s, c))) e.lock(t.ref(), ACCESS_EXCLUSIVE, true);
            }
        }
        e.note("CASCADE also drops the foreign keys that reference the constraint's key, on their own tables");
    }

    /** A foreign key written without target columns references the target's primary key. */
    static List<String> referencedColumns(SchemaView s, ConstraintDef fk) {
        if (fk.referencedColumns() != null && !fk.referencedColumns().isEmpty()) return fk.referencedColumns();
        return s.table(fk.referencedTable()).stream().flatMap(t -> t.constraints().stream())
                .filter(c -> c.kind() == ConstraintDef.Kind.PRIMARY_KEY).findFirst()
                .map(ConstraintDef::columns).orElse(List.of());
    }

    private static String unqualified(String name) {
        int paren = name.indexOf('(');
        String n = paren < 0 ? name : name.substring(0, paren);
        return n.substring(n.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }

    /** A column type without schema, array brackets or type modifiers: {@code public.mood[]} → {@code mood}. */
    private static String baseType(String type) {
        String t = type.replace("[]", "");
        int paren = t.indexOf('(');
        if (paren >= 0) t = t.substring(0, paren);
        return t.substring(t.lastIndexOf('.') + 1).strip().replace("\"", "");
    }

    private static boolean calls(String expression, String function) {
        return expression.toLowerCase(Locale.ROOT).matches("(?s).*\\b" + java.util.regex.Pattern.quote(function) + "\\s*\\(.*");
    }
}
