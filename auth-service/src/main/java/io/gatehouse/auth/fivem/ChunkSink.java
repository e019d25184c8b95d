package io.gatehouse.auth.fivem;

/** Where a {@code /client} call's JSON documents go (one per chunk, without the CRLF the gateway adds). */
public interface ChunkSink {

    void send(String json);

    /** The last chunk was sent: FXServer's {@code cb(null)}. */
    void complete();

    /** The service itself failed (not a protocol refusal). */
    void fail(Throwable error);
}
