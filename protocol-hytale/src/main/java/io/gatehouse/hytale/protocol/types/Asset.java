package io.gatehouse.hytale.protocol.types;

import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * {@code protocol/Asset.java}: {@code hash} fixed ASCII[64] (lower-case hex SHA-256 of the blob), then
 * {@code name} VarString UTF-8 (at most 512 bytes).
 */
public record Asset(String hash, String name) {

    public static final int HASH_LENGTH = 64;
    public static final int MAX_NAME_BYTES = 512;
    /** Smallest encoding: the hash plus an empty name. */
    public static final int MIN_SIZE = HASH_LENGTH + 1;

    public Asset {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(name, "name");
    }

    public static Asset read(PayloadReader in) {
        String hash = in.readFixedAscii("Asset.hash", HASH_LENGTH);
        return new Asset(hash, in.readVarString("Asset.name", MAX_NAME_BYTES));
    }

    public void write(ByteBuf buf) {
        PayloadWriter.writeFixedAscii(buf, hash, HASH_LENGTH, "Asset.hash");
        PayloadWriter.writeVarString(buf, name, MAX_NAME_BYTES, "Asset.name");
    }
}
