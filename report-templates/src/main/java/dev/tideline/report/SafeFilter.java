package dev.tideline.report;

import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A Pebble filter whose {@code render} escapes the text itself and builds markup from it; null stays null. */
record SafeFilter(UnaryOperator<String> render) implements Filter {
    @Override
    public List<String> getArgumentNames() {
        return List.of();
    }

    @Override
    public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
        return input == null ? null : new SafeString(render.apply(input.toString()));
    }
}
