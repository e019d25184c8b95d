package io.gatehouse.registry.core;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorePolicyTest {

    @Test
    void hashStringMatchesTheReferenceVectorAndIgnoresCase() {
        assertThat(ConnectionTokens.hashString("3f2504e0-4f89-41d3-9a0c-0305e82c3301")).isEqualTo(0xbc2d66ba);
        assertThat(ConnectionTokens.hashString("3F2504E0-4F89-41D3-9A0C-0305E82C3301")).isEqualTo(0xbc2d66ba);
        assertThat(ConnectionTokens.hashKey(0xbc2d66ba)).isEqualTo("bc2d66ba");
        assertThat(ConnectionTokens.hashKey(0x0000abcd)).isEqualTo("0000abcd");
    }

    @Test
    void tokensAreVersion4UuidsAndComparedByDigest() {
        ConnectionTokens tokens = new ConnectionTokens(new SecureRandom());
        String token = tokens.newToken();
        assertThat(java.util.UUID.fromString(token).version()).isEqualTo(4);
        assertThat(token).isEqualTo(token.toLowerCase());
        byte[] digest = ConnectionTokens.digestBytes(token);
        assertThat(ConnectionTokens.matches(token, digest)).isTrue();
        assertThat(ConnectionTokens.matches(tokens.newToken(), digest)).isFalse();
        assertThat(ConnectionTokens.digest(token)).hasSize(64).doesNotContain(token);
    }

    @Test
    void netIdsStartAtOneWrapBeforeTheCeilingAndSkipIdsInUse() {
        Set<Integer> used = new HashSet<>(List.of(1, 2, 0xFFFE));
        NetIdAllocator.Allocation a = NetIdAllocator.allocate(NetIdAllocator.FIRST_NET_ID, 0xFFFF, used::contains);
        assertThat(a).isEqualTo(new NetIdAllocator.Allocation(3, 4));

        NetIdAllocator.Allocation atTop = NetIdAllocator.allocate(0xFFFD, 0xFFFF, used::contains);
        assertThat(atTop).isEqualTo(new NetIdAllocator.Allocation(0xFFFD, 0xFFFE));
        used.add(0xFFFD);
        // 0xFFFE is taken, 0xFFFF is never handed out, 1 and 2 are taken
        assertThat(NetIdAllocator.allocate(0xFFFE, 0xFFFF, used::contains))
                .isEqualTo(new NetIdAllocator.Allocation(3, 4));
        assertThat(NetIdAllocator.allocate(0, 0xFFFF, i -> false).netId()).isEqualTo(1);
        assertThat(NetIdAllocator.allocate(1, 4, i -> true)).isNull();
    }

    @Test
    void slotsComeFromTheTopAndSkip31() {
        assertThat(SlotAllocator.pick(129, s -> false)).isEqualTo(128);
        assertThat(SlotAllocator.pick(2049, s -> false)).isEqualTo(2048);
        assertThat(SlotAllocator.pick(33, s -> s == 32)).isEqualTo(30);
        assertThat(SlotAllocator.pick(129, s -> s != 31)).isEqualTo(Session.NO_SLOT);
        assertThat(SlotAllocator.pick(129, s -> s != 0 && s != 31)).isEqualTo(0);
        assertThat(SlotAllocator.capacity(129)).isEqualTo(128);
        assertThat(SlotAllocator.capacity(2049)).isEqualTo(2048);
    }

    @Test
    void connectGateFollowsFxServersRules() {
        ConnectGatePolicy.Decision first = ConnectGatePolicy.decide(null, "a");
        assertThat(first.verdict()).isEqualTo(ConnectGateVerdict.ACCEPTED);
        assertThat(first.entry()).isEqualTo(new ConnectGatePolicy.Entry("a", 1));
        assertThat(ConnectGatePolicy.decide(first.entry(), "b").verdict()).isEqualTo(ConnectGateVerdict.WRONG_SOURCE);
        assertThat(ConnectGatePolicy.decide(new ConnectGatePolicy.Entry("a", 3), "a").verdict())
                .isEqualTo(ConnectGateVerdict.ACCEPTED);
        assertThat(ConnectGatePolicy.decide(new ConnectGatePolicy.Entry("a", 4), "a").verdict())
                .isEqualTo(ConnectGateVerdict.EXHAUSTED);
        assertThat(ConnectGatePolicy.decide(new ConnectGatePolicy.Entry("a", ConnectGatePolicy.LOCKED), "a")
                .verdict()).isEqualTo(ConnectGateVerdict.EXHAUSTED);
    }

    @Test
    void expiryFollowsTheTtlsAndTheGatewayFence() {
        RegistrySettings settings = RegistrySettings.defaults();
        Session pending = session(null, 0);
        assertThat(ExpiryPolicy.isExpired(pending, false, 120_000, settings)).isFalse();
        assertThat(ExpiryPolicy.isExpired(pending, false, 120_001, settings)).isTrue();

        Session bound = session(new Holder("gw", 1, ""), 0);
        assertThat(ExpiryPolicy.isExpired(bound, false, 60_000, settings)).isFalse();
        assertThat(ExpiryPolicy.isExpired(bound, false, 60_001, settings)).isTrue();
        assertThat(ExpiryPolicy.isExpired(bound, true, 60_001, settings)).isFalse();
        long orphan = settings.connectedTtl().plus(settings.orphanGrace()).toMillis();
        assertThat(ExpiryPolicy.isExpired(bound, true, orphan, settings)).isFalse();
        assertThat(ExpiryPolicy.isExpired(bound, true, orphan + 1, settings)).isTrue();

        assertThat(ExpiryPolicy.gatewayAlive(0, 30_000, settings)).isTrue();
        assertThat(ExpiryPolicy.gatewayAlive(0, 30_001, settings)).isFalse();
    }

    @Test
    void settingsRejectNonsense() {
        assertThatThrownBy(() -> RegistrySettings.defaults().withSlotTableSize(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegistrySettings.defaults().withNetIdCeiling(0x10000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegistrySettings(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ZERO, 129, 0xFFFF)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionKey.fivem("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SessionKey.parseQualified("hytale:a:b")).isEqualTo(SessionKey.hytale("a:b"));
    }

    private static Session session(Holder holder, long lastSeen) {
        return new Session(SessionKey.fivem("1"), 0, 0x10000, holder == null ? 0 : 1, -1, true,
                DeferralState.DONE, "", "", List.of(), holder, 0, lastSeen);
    }
}
