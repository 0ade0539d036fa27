package dev.tideline.trace;

class TraceOnEmbeddedPg18Test extends EmbeddedTraceContract {
    @Override
    int major() {
        return 18;
    }
}
