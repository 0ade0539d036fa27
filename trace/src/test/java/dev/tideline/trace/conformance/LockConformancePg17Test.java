package dev.tideline.trace.conformance;

class LockConformancePg17Test extends EmbeddedConformance {
    @Override
    int major() {
        return 17;
    }
}
