package io.gatehouse.registry.core;

/**
 * FXServer's ENet CONNECT token gating ({@code OnValidateData}, fivem#965) once the token hash is known to belong
 * to a live session: the first CONNECT records its source address; retries must come from that address and are
 * refused after {@value #MAX_PRIOR_USES} prior uses. An established peer sets the count to {@value #LOCKED} so no
 * second concurrent peer can use the token; disconnect erases the entry.
 */
public final class ConnectGatePolicy {

    public static final int MAX_PRIOR_USES = 3;
    public static final int LOCKED = 9999;

    private ConnectGatePolicy() {
    }

    /** What the gate remembers per token hash. */
    public record Entry(String sourceAddress, int uses) {
    }

    /** The verdict and the entry to store (unchanged when refused). */
    public record Decision(ConnectGateVerdict verdict, Entry entry) {
    }

    /** @param existing the stored entry, or null on the first CONNECT */
    public static Decision decide(Entry existing, String sourceAddress) {
        if (existing == null) {
            return new Decision(ConnectGateVerdict.ACCEPTED, new Entry(sourceAddress, 1));
        }
        if (!existing.sourceAddress().equals(sourceAddress)) {
            return new Decision(ConnectGateVerdict.WRONG_SOURCE, existing);
        }
        if (existing.uses() > MAX_PRIOR_USES) {
            return new Decision(ConnectGateVerdict.EXHAUSTED, existing);
        }
        return new Decision(ConnectGateVerdict.ACCEPTED, new Entry(sourceAddress, existing.uses() + 1));
    }
}
