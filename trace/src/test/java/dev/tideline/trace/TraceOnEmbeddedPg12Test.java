package dev.tideline.trace;

class TraceOnEmbeddedPg12Test extends EmbeddedTraceContract {
    @Override
    int major() {
        return 12;
    }
}
