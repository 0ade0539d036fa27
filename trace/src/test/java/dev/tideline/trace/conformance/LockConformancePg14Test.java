package dev.tideline.trace.conformance;

class LockConformancePg14Test extends EmbeddedConformance {
    @Override
    int major() {
        return 14;
    }
}
