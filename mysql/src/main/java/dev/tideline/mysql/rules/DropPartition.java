package dev.tideline.mysql.rules;

import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRemedies;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.MySqlStatement;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.lint.Statements;
import dev.tideline.mysql.model.AlterAction;
import dev.tideline.mysql.model.AlterAction.PartitionCommand;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.util.Set;

/** DROP/TRUNCATE/DISCARD PARTITION, REMOVE PARTITIONING's neighbours that delete rows, and DROP TABLESPACE. */
@RuleInfo(id = "drop-partition", category = Category.DESTRUCTIVE, severity = Severity.ERROR, dialects = "mysql",
        preview = true,
        summary = "DROP, TRUNCATE or DISCARD PARTITION and DROP TABLESPACE delete data at once, with no way back.")
public final class DropPartition implements MySqlRule {
    private static final Set<PartitionCommand> DELETING = Set.of(PartitionCommand.DROP, PartitionCommand.TRUNCATE,
            PartitionCommand.DISCARD);

    @Override
    public void check(MySqlFile file, Report report) {
        for (var p : Statements.alterActions(file, AlterAction.Partition.class)) {
            if (!DELETING.contains(p.action().command())) continue;
            String q = MySqlRemedies.quote(p.table());
            report.at(p.statement(), p.action().command() + " PARTITION " + String.join(", ", p.action().partitions())
                            + " of " + p.table() + " deletes the partition's rows at once; no transaction can undo it",
                    "-- keep the rows: move the partition out to a table of its own first, and drop that table later\n"
                            + "CREATE TABLE " + MySqlRemedies.quote(p.table().name() + "_archive") + " LIKE " + q + ";\n"
                            + "ALTER TABLE " + MySqlRemedies.quote(p.table().name() + "_archive") + " REMOVE PARTITIONING;\n"
                            + "ALTER TABLE " + q + " EXCHANGE PARTITION `p` WITH TABLE "
                            + MySqlRemedies.quote(p.table().name() + "_archive") + ";");
        }
        for (MySqlStatement s : file.statements()) {
            for (MySqlOperation op : Statements.flatten(s.operations())) {
                if (op instanceof MySqlOperation.OtherDdl d && d.command().equalsIgnoreCase("DROP TABLESPACE")) {
                    report.at(s, "drops tablespace " + d.name() + " and whatever it holds",
                            "-- check it is empty first: SELECT * FROM information_schema.INNODB_TABLES WHERE SPACE = …;");
                }
            }
        }
    }
}
