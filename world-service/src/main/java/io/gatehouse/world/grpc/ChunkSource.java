package io.gatehouse.world.grpc;

import java.io.IOException;

/** A pull-based sequence of response messages backed by a file: a header, then chunks read on demand. */
interface ChunkSource<T> extends AutoCloseable {

    /** The first message (sizes and hashes), sent before any chunk. */
    T header();

    boolean hasNext();

    /** Reads and returns the next chunk message; only called when the call is ready for it. */
    T next() throws IOException;

    /** Called once after the last chunk, before completing the call (e.g. verify an empty file's hash). */
    void finish() throws IOException;

    @Override
    void close();
}
