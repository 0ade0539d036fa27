package dev.tideline.trace.conformance;

class LockConformancePg13Test extends EmbeddedConformance {
    @Override
    int major() {
        return 13;
    }
}
