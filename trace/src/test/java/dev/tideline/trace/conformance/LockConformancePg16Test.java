package dev.tideline.trace.conformance;

class LockConformancePg16Test extends EmbeddedConformance {
    @Override
    int major() {
        return 16;
    }
}
