package dev.tideline.report;

import java.util.List;

/**
 * Geometry of the lock timeline SVG: statements along x, tables as rows, each bar a lock held from the
 * statement that takes it to the end of its transaction. All numbers are SVG user units.
 */
public record TimelineView(int width, int height, int plotLeft, int plotTop, int plotBottom, List<Row> rows,
                           List<Band> transactions, List<Bar> bars, List<Tick> ticks, List<Marker> findings,
                           List<ReportView.Count> legend) {

    public record Row(int y, int labelY, String table, boolean striped) {}

    /** A transaction spanning several statements, drawn as a shaded column band. */
    public record Band(int x, int width, int labelX, String label) {}

    public record Bar(int x, int y, int width, int height, String modeKey, String title) {}

    public record Tick(int x, String label) {}

    /** @param points SVG polygon points of a small triangle above a statement with error/warning findings */
    public record Marker(String points, String severityKey, String title) {}
}
