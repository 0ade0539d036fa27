package dev.tideline.trace.conformance;

class LockConformancePg18Test extends EmbeddedConformance {
    @Override
    int major() {
        return 18;
    }
}
