package dev.tideline.rules;

/**
 * One lint rule. Implementations are small, stateless classes annotated with {@link RuleInfo}, registered in
 * {@link RuleRegistry}, and documented by {@code docs/<id>.md} next to this package's resources.
 */
public interface Rule {
    /** Called once per targeted file; report findings through {@link RuleContext#report}. */
    void check(RuleContext ctx);

    default RuleInfo info() {
        return getClass().getAnnotation(RuleInfo.class);
    }
}
