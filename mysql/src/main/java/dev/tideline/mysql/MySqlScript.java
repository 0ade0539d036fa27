package dev.tideline.mysql;

import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.mysql.effects.Algorithm;
import dev.tideline.mysql.effects.OnlineDdl;
import dev.tideline.mysql.effects.Prediction;
import dev.tideline.mysql.lex.MySqlLexis;
import dev.tideline.mysql.lex.MySqlSplitter;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.mysql.parse.MySqlRecognizer;
import dev.tideline.mysql.schema.MySqlSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One migration file read as the server runs it: split as the mysql client does, each statement recognized and
 * predicted against the schema as the statements before it left it, then replayed into the schema. A {@code CALL} of a
 * procedure created earlier in the same file is analysed through the procedure's body; SQL built at run time
 * ({@code PREPARE … FROM @s}) is reported as not analysed.
 */
public final class MySqlScript {

    /**
     * @param predictions one per operation, in order ({@code [UNMODELLED]} for statements that are not online DDL)
     * @param called      the body statements a CALL ran, analysed in place
     * @param notAnalysed the statement runs SQL built at run time (PREPARE/EXECUTE), here or in a called body
     * @param onOldest    one per operation: the prediction on the flavour's oldest supported release (same schema),
     *                    where the target runs the operation without a copy; else the target's prediction
     */
    public record Analysed(SqlStatement statement, List<MySqlOperation> operations, List<Prediction> predictions,
                           List<Analysed> called, boolean notAnalysed, List<Prediction> onOldest) {}

    private final MySqlLexis lexis;
    private final MySqlRecognizer recognizer;
    private final MySqlSchema schema;
    private final Map<String, MySqlOperation.CreateRoutine> procedures = new HashMap<>();

    /** {@code schema} is what the earlier files left; it is changed as this file's statements run. */
    public MySqlScript(MySqlSchema schema) {
        MySqlVersion v = schema.version();
        this.lexis = new MySqlLexis(true, false, v.commentNumber(), v.isMariaDb());
        this.recognizer = new MySqlRecognizer(lexis);
        this.schema = schema;
    }

    public List<Analysed> analyse(Path file, String content) {
        List<Analysed> out = new ArrayList<>();
        for (SqlStatement s : new MySqlSplitter(lexis).split(file, content).statements()) {
            out.add(analyse(s, recognizer.recognize(s), 0));
        }
        return out;
    }

    private Analysed analyse(SqlStatement s, List<MySqlOperation> ops, int depth) {
        List<Prediction> predictions = new ArrayList<>();
        List<Prediction> onOldest = new ArrayList<>();
        List<Analysed> called = new ArrayList<>();
        boolean dynamic = false;
        for (MySqlOperation op : ops) {
            Prediction p = OnlineDdl.predict(op, schema);
            predictions.add(p);
            boolean inPlace = p.modelled() && p.effect().algorithm() != null && p.effect().algorithm() != Algorithm.COPY;
            onOldest.add(inPlace ? OnlineDdl.predict(op, schema, schema.version().oldestSupported()) : p);
            OnlineDdl.replay(op, schema);
            if (op instanceof MySqlOperation.CreateRoutine r && r.kind().equals("PROCEDURE")) {
                procedures.put(r.name().toLowerCase(Locale.ROOT), r);
            } else if (op instanceof MySqlOperation.DynamicSql) {
                dynamic = true;
            } else if (op instanceof MySqlOperation.Call call && depth < 8) {
                MySqlOperation.CreateRoutine body = procedures.get(call.routine().toLowerCase(Locale.ROOT));
                if (body == null) continue;
                for (MySqlOperation.BodyStatement b : body.body()) {
                    Analysed a = analyse(b.statement(), b.operations(), depth + 1);
                    called.add(a);
                    dynamic |= a.notAnalysed();
                }
            }
        }
        return new Analysed(s, ops, predictions, called, dynamic, onOldest);
    }
}
