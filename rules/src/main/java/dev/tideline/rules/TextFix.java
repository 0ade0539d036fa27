package dev.tideline.rules;

import java.util.List;

/**
 * A finding's safe form as text edits a tool can apply without judgement (tideline fix, an editor's quick fix).
 *
 * @param title what applying it does, in a few words ("add CONCURRENTLY")
 * @param edits every change, possibly to several files (a runner's configuration file, a later migration)
 */
public record TextFix(String title, List<TextEdit> edits) {
    public TextFix {
        edits = List.copyOf(edits);
    }
}
