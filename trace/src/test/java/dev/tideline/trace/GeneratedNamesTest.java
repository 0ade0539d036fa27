package dev.tideline.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tideline.analyzer.Analyzer;
import dev.tideline.analyzer.AnalyzerOptions;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.schema.IndexModel;
import dev.tideline.analyzer.schema.SchemaView;
import dev.tideline.analyzer.schema.TableModel;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The names the schema model gives unnamed constraints and indexes are the names PostgreSQL gives them (read back from
 * pg_constraint and pg_class of the machine's PostgreSQL 15), including names cut to 63 bytes and multibyte ones, so a
 * later migration that drops, validates or renames one by name finds it.
 */
class GeneratedNamesTest {
    private static final String LONG_TABLE = "customer_subscription_billing_address_history_entries";
    private static final String SQL = String.join("\n",
            "CREATE TABLE parent (id bigint PRIMARY KEY, code text UNIQUE);",
            "CREATE TABLE " + LONG_TABLE + " (",
            "  id bigint PRIMARY KEY,",
            "  parent_identifier_for_the_billing_account bigint REFERENCES parent (id),",
            "  secondary_reference_code_of_the_subscription text,",
            "  amount numeric CHECK (amount > 0),",
            "  UNIQUE (parent_identifier_for_the_billing_account, secondary_reference_code_of_the_subscription));",
            "ALTER TABLE " + LONG_TABLE + " ADD FOREIGN KEY (secondary_reference_code_of_the_subscription)"
                    + " REFERENCES parent (code);",
            "CREATE INDEX ON " + LONG_TABLE + " (secondary_reference_code_of_the_subscription, amount);",
            "CREATE INDEX ON " + LONG_TABLE + " (lower(secondary_reference_code_of_the_subscription));",
            "CREATE INDEX ON parent ((id + 1));",
            "CREATE UNIQUE INDEX ON parent (code text_pattern_ops);",
            "CREATE TABLE \"überlange_tabelle_mit_umlauten_äöü_und_noch_viel_mehr_text\" (",
            "  \"spalte_ä\" int PRIMARY KEY, \"größe\" int UNIQUE);",
            "SELECT 1;");

    @Test
    void unnamedConstraintsAndIndexesGetPostgresNames() throws Exception {
        FileAnalysis file = new Analyzer(AnalyzerOptions.defaults()).analyzeText("names.sql", SQL).files().get(0);
        SchemaView after = file.statements().get(file.statements().size() - 1).schemaBefore();
        TreeSet<String> modelled = new TreeSet<>();
        for (TableModel t : after.tables()) {
            for (ConstraintDef c : t.constraints()) modelled.add(t.ref().name() + ": constraint " + c.name());
            for (IndexModel i : t.indexes()) modelled.add(t.ref().name() + ": index " + i.name().name());
        }

        TreeSet<String> actual = new TreeSet<>();
        try (LocalDatabase db = new LocalDatabase(SQL);
             Connection c = DriverManager.getConnection(db.url());
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT conrelid::regclass::text, conname FROM pg_constraint"
                    + " WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'u', 'f', 'c')")) {
                while (rs.next()) actual.add(unquote(rs.getString(1)) + ": constraint " + rs.getString(2));
            }
            try (ResultSet rs = st.executeQuery("SELECT indrelid::regclass::text, indexrelid::regclass::text FROM pg_index"
                    + " WHERE indrelid::regclass::text NOT LIKE 'pg_%'")) {
                while (rs.next()) actual.add(unquote(rs.getString(1)) + ": index " + unquote(rs.getString(2)));
            }
        }
        assertEquals(List.copyOf(actual), List.copyOf(modelled));
    }

    private static String unquote(String regclass) {
        return regclass.startsWith("\"") ? regclass.substring(1, regclass.length() - 1).replace("\"\"", "\"") : regclass;
    }
}
