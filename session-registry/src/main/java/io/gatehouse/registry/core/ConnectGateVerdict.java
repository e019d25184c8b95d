package io.gatehouse.registry.core;

/** The answer to an ENet CONNECT's {@code data} field. Anything but ACCEPTED is dropped without a reply. */
public enum ConnectGateVerdict {
    ACCEPTED,
    /** No live session has this token hash. */
    UNKNOWN_TOKEN,
    /** The token hash was first used from another address. */
    WRONG_SOURCE,
    /** More than {@value ConnectGatePolicy#MAX_PRIOR_USES} prior uses, or a peer is already connected with it. */
    EXHAUSTED
}
