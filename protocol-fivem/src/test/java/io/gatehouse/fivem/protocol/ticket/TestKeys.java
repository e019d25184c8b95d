package io.gatehouse.fivem.protocol.ticket;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/** One locally generated RSA-1024 pair per test JVM (generation is the slow part). */
public final class TestKeys {
    public static final KeyPair PAIR = CfxKeys.generate(new SecureRandom());
    public static final KeyPair OTHER = CfxKeys.generate(new SecureRandom());

    public static RSAPrivateCrtKey priv() {
        return (RSAPrivateCrtKey) PAIR.getPrivate();
    }

    public static RSAPublicKey pub() {
        return (RSAPublicKey) PAIR.getPublic();
    }

    public static RSAPrivateCrtKey otherPriv() {
        return (RSAPrivateCrtKey) OTHER.getPrivate();
    }

    private TestKeys() {
    }
}
