package dev.tideline.rules.edit;

import dev.tideline.rules.TextEdit;
import dev.tideline.rules.TextFix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What applying fixes does to the files on disk: each file's text before and after, computed without writing. */
public final class FileChanges {
    /** One file's change; {@code before} is null for a file the fixes create. */
    public record Change(Path file, String before, String after) {}

    private FileChanges() {}

    /**
     * The fixes that can be applied together, in order: a fix whose edits overlap an earlier chosen one waits for the
     * next round (the file is linted again after the first round is applied).
     */
    public static List<TextFix> compatible(List<TextFix> fixes) {
        List<TextFix> chosen = new ArrayList<>();
        List<TextEdit> taken = new ArrayList<>();
        for (TextFix f : fixes) {
            boolean clash = f.edits().stream().anyMatch(e -> taken.stream().anyMatch(e::overlaps));
            if (clash) continue;
            chosen.add(f);
            taken.addAll(f.edits());
        }
        return chosen;
    }

    /** The files' texts with the (non-overlapping) fixes applied, in the order files are first named. */
    public static List<Change> of(List<TextFix> fixes) throws IOException {
        Map<Path, List<TextEdit>> byFile = new LinkedHashMap<>();
        for (TextFix f : fixes) for (TextEdit e : f.edits()) byFile.computeIfAbsent(e.file(), k -> new ArrayList<>()).add(e);
        List<Change> out = new ArrayList<>();
        for (Map.Entry<Path, List<TextEdit>> e : byFile.entrySet()) {
            List<TextEdit> edits = e.getValue();
            TextEdit creates = edits.stream().filter(TextEdit::creates).findFirst().orElse(null);
            if (creates != null) {
                out.add(new Change(e.getKey(), null, creates.replacement()));
                continue;
            }
            String before = Files.readString(e.getKey(), StandardCharsets.UTF_8);
            if (before.replace("\r\n", "").indexOf('\r') >= 0) {
                throw new IOException(e.getKey() + " ends lines with a lone CR: tideline does not edit such files");
            }
            out.add(new Change(e.getKey(), before, new SourceText(e.getKey(), before).apply(edits)));
        }
        return out;
    }

    /** Writes the changes (a created file's folder exists: it is the migration's). */
    public static void write(List<Change> changes) throws IOException {
        for (Change c : changes) Files.writeString(c.file(), c.after(), StandardCharsets.UTF_8);
    }
}
