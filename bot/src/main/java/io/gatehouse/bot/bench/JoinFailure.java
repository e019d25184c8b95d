package io.gatehouse.bot.bench;

/** A join that did not reach the world; {@code stage} names where it stopped (stable, for the report's counts). */
final class JoinFailure extends RuntimeException {

    final String stage;

    JoinFailure(String stage, String message) {
        super(message, null, false, false);
        this.stage = stage;
    }

    static String stageOf(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && !(cause instanceof JoinFailure)) {
            cause = cause.getCause();
        }
        return cause instanceof JoinFailure f ? f.stage + ": " + trim(f.getMessage())
                : cause.getClass().getSimpleName() + ": " + trim(String.valueOf(cause.getMessage()));
    }

    private static String trim(String s) {
        return s.length() > 120 ? s.substring(0, 120) : s;
    }
}
