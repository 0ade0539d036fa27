package dev.tideline.trace.conformance;

class LockConformancePg12Test extends EmbeddedConformance {
    @Override
    int major() {
        return 12;
    }
}
