package io.gatehouse.enet;

/** A client connect attempt that did not complete. */
public final class EnetConnectException extends Exception {
    public EnetConnectException(String message) {
        super(message);
    }
}
