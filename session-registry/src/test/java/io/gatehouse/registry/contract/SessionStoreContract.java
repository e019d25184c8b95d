package io.gatehouse.registry.contract;

import io.gatehouse.registry.core.BindRequest;
import io.gatehouse.registry.core.BindResult;
import io.gatehouse.registry.core.ConnectGateVerdict;
import io.gatehouse.registry.core.ConnectionTokens;
import io.gatehouse.registry.core.DeferralState;
import io.gatehouse.registry.core.Game;
import io.gatehouse.registry.core.Holder;
import io.gatehouse.registry.core.NewSession;
import io.gatehouse.registry.core.PendingCreated;
import io.gatehouse.registry.core.PlayerCounts;
import io.gatehouse.registry.core.RegistryError;
import io.gatehouse.registry.core.RegistryException;
import io.gatehouse.registry.core.RegistrySettings;
import io.gatehouse.registry.core.Replaced;
import io.gatehouse.registry.core.Session;
import io.gatehouse.registry.core.SessionKey;
import io.gatehouse.registry.core.SessionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The behaviour every {@link SessionStore} adapter must have, with FXServer's semantics (reference §3.5.1, §5.3,
 * §5.4, §6). Subclasses supply the adapter; the clock is the test's.
 */
public abstract class SessionStoreContract {

    protected static final Holder GATEWAY_A_PEER_1 = new Holder("gw-a", 1, "10.0.0.1:5000");
    protected static final Holder GATEWAY_A_PEER_2 = new Holder("gw-a", 2, "10.0.0.2:5000");
    protected static final Holder GATEWAY_B_PEER_7 = new Holder("gw-b", 7, "10.0.0.1:5001");

    protected final MutableClock clock = new MutableClock(1_780_000_000_000L);
    private final List<SessionStore> opened = new ArrayList<>();
    protected SessionStore store;

    /** A fresh, empty store client. Called again with the same settings, it must see the same data. */
    protected abstract SessionStore newStore(RegistrySettings settings, Clock clock);

    /** Clears shared state (e.g. the Redis database) before each test. */
    protected void resetSharedState() {
    }

    @BeforeEach
    void openDefaultStore() {
        resetSharedState();
        store = open(RegistrySettings.defaults());
    }

    @AfterEach
    void closeStores() {
        opened.forEach(SessionStore::close);
        opened.clear();
    }

    protected SessionStore open(RegistrySettings settings) {
        SessionStore s = newStore(settings, clock);
        opened.add(s);
        return s;
    }

    protected static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static RegistryError refusal(CompletableFuture<?> future) {
        try {
            Object value = await(future);
            return fail("expected a refusal but got " + value);
        } catch (RegistryException e) {
            return e.error();
        }
    }

    protected static NewSession fivem(String guid) {
        return new NewSession(SessionKey.fivem(guid), "player-" + guid, "203.0.113.9",
                List.of("license:" + guid, "ip:203.0.113.9"), false);
    }

    protected static NewSession validated(SessionKey key) {
        return new NewSession(key, "player-" + key.id(), "203.0.113.9", List.of(), true);
    }

    /** initConnect + deferrals done: ready for the handshake. */
    protected static PendingCreated ready(SessionStore s, String guid) {
        PendingCreated created = await(s.createPending(fivem(guid)));
        assertThat(await(s.setDeferral(created.token(), DeferralState.DONE))).isPresent();
        return created;
    }

    protected static BindResult bind(SessionStore s, PendingCreated created, Holder holder) {
        return await(s.bind(new BindRequest(created.session().key(), created.token(), holder, true)));
    }

    @Nested
    class PendingSessions {

        @Test
        void createIssuesLowercaseUuidTokenItsHashAndIncreasingTemporaryNetIds() {
            PendingCreated first = await(store.createPending(fivem("148618791998193665")));
            PendingCreated second = await(store.createPending(fivem("148618791998193666")));

            assertThat(first.token()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(first.token()).isNotEqualTo(second.token());
            Session session = first.session();
            assertThat(session.tokenHash()).isEqualTo(ConnectionTokens.hashString(first.token()));
            assertThat(second.session().tempNetId()).isEqualTo(session.tempNetId() + 1);
            assertThat(session.tempNetId()).isGreaterThanOrEqualTo(0x10000L);
            assertThat(session.connected()).isFalse();
            assertThat(session.slotId()).isEqualTo(Session.NO_SLOT);
            assertThat(session.holder()).isNull();
            assertThat(session.passedValidation()).isFalse();
            assertThat(session.deferral()).isEqualTo(DeferralState.NONE);
            assertThat(session.name()).isEqualTo("player-148618791998193665");
            assertThat(session.tcpSourceAddress()).isEqualTo("203.0.113.9");
            assertThat(session.identifiers()).containsExactly("license:148618791998193665", "ip:203.0.113.9");
            assertThat(session.lastSeenMillis()).isEqualTo(clock.millis());
            assertThat(first.replaced()).isEmpty();
        }

        @Test
        void tokensAreNotRepeated() {
            Set<String> tokens = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                tokens.add(await(store.createPending(fivem("g" + i))).token());
            }
            assertThat(tokens).hasSize(200);
        }

        @Test
        void findsTheSessionByTokenGuidAndTokenHash() {
            PendingCreated created = await(store.createPending(fivem("42")));

            assertThat(await(store.findByToken(created.token()))).contains(created.session());
            assertThat(await(store.findByKey(SessionKey.fivem("42")))).contains(created.session());
            assertThat(await(store.findByTokenHash(created.session().tokenHash()))).contains(created.session());

            assertThat(await(store.findByToken(created.token().toUpperCase()))).isEmpty();
            assertThat(await(store.findByToken("00000000-0000-4000-8000-000000000000"))).isEmpty();
            assertThat(await(store.findByKey(SessionKey.fivem("43")))).isEmpty();
            assertThat(await(store.findByKey(SessionKey.hytale("42")))).isEmpty();
            assertThat(await(store.findByTokenHash(created.session().tokenHash() ^ 1))).isEmpty();
        }

        @Test
        void deferralDonePassesValidationAndTouches() {
            PendingCreated created = await(store.createPending(fivem("7")));
            clock.advance(Duration.ofSeconds(5));

            Session deferring = await(store.setDeferral(created.token(), DeferralState.DEFERRING)).orElseThrow();
            assertThat(deferring.deferral()).isEqualTo(DeferralState.DEFERRING);
            assertThat(deferring.passedValidation()).isFalse();
            assertThat(deferring.lastSeenMillis()).isEqualTo(clock.millis());

            Session done = await(store.setDeferral(created.token(), DeferralState.DONE)).orElseThrow();
            assertThat(done.passedValidation()).isTrue();
            assertThat(await(store.findByKey(SessionKey.fivem("7")))).contains(done);

            assertThat(await(store.setDeferral("not-a-token", DeferralState.DONE))).isEmpty();
        }

        @Test
        void aSessionCreatedValidatedNeedsNoDeferral() {
            PendingCreated created = await(store.createPending(validated(SessionKey.hytale("uuid-1"))));
            assertThat(created.session().passedValidation()).isTrue();
            assertThat(created.session().deferral()).isEqualTo(DeferralState.DONE);
        }

        @Test
        void touchByTokenAnswersWhetherTheSessionLives() {
            PendingCreated created = await(store.createPending(fivem("7")));
            clock.advance(Duration.ofSeconds(30));
            assertThat(await(store.touchByToken(created.token()))).isTrue();
            assertThat(await(store.findByKey(SessionKey.fivem("7"))).orElseThrow().lastSeenMillis())
                    .isEqualTo(clock.millis());
            assertThat(await(store.touchByToken("f00dbabe-0000-4000-8000-000000000000"))).isFalse();
        }

        @Test
        void toStringNeverShowsTheToken() {
            PendingCreated created = await(store.createPending(fivem("7")));
            assertThat(created.toString()).doesNotContain(created.token());
            assertThat(created.session().toString()).doesNotContain(created.token());
            assertThat(new BindRequest(created.session().key(), created.token(), GATEWAY_A_PEER_1, true).toString())
                    .doesNotContain(created.token());
        }
    }

    @Nested
    class Replacement {

        @Test
        void aSecondSessionWithTheSameGuidReplacesTheFirst() {
            PendingCreated first = await(store.createPending(fivem("99")));
            PendingCreated second = await(store.createPending(fivem("99")));

            Replaced replaced = second.replaced().orElseThrow();
            assertThat(replaced.reason()).isEqualTo("Reconnecting");
            assertThat(replaced.session().key()).isEqualTo(first.session().key());
            assertThat(replaced.session().tempNetId()).isEqualTo(first.session().tempNetId());
            assertThat(await(store.findByToken(first.token()))).isEmpty();
            assertThat(await(store.findByTokenHash(first.session().tokenHash()))).isEmpty();
            assertThat(await(store.findByToken(second.token()))).contains(second.session());
            assertThat(await(store.counts(Game.FIVEM)).pending()).isEqualTo(1);
        }

        @Test
        void replacingAConnectedSessionNamesItsHolderAndFreesItsIdAndSlot() {
            PendingCreated first = ready(store, "99");
            BindResult bound = bind(store, first, GATEWAY_A_PEER_1);

            PendingCreated second = await(store.createPending(fivem("99")));

            Session old = second.replaced().orElseThrow().session();
            assertThat(old.holder()).isEqualTo(GATEWAY_A_PEER_1);
            assertThat(old.netId()).isEqualTo(bound.session().netId());
            assertThat(old.slotId()).isEqualTo(128);
            assertThat(await(store.counts(Game.FIVEM))).isEqualTo(new PlayerCounts(1, 0, 0, 0));
            assertThat(await(store.gateConnect(first.session().tokenHash(), "203.0.113.9")))
                    .isEqualTo(ConnectGateVerdict.UNKNOWN_TOKEN);
        }

        @Test
        void fivemAndHytaleKeysDoNotCollide() {
            await(store.createPending(fivem("abc")));
            PendingCreated hytale = await(store.createPending(validated(SessionKey.hytale("abc"))));
            assertThat(hytale.replaced()).isEmpty();
            assertThat(await(store.findByKey(SessionKey.fivem("abc")))).isPresent();
        }
    }

    @Nested
    class ConnectGating {

        @Test
        void unknownTokenHashIsRefused() {
            assertThat(await(store.gateConnect(0x1234, "203.0.113.9"))).isEqualTo(ConnectGateVerdict.UNKNOWN_TOKEN);
        }

        @Test
        void firstConnectRecordsTheSourceAndRetriesAreLimitedToThreePriorUses() {
            int hash = await(store.createPending(fivem("1"))).session().tokenHash();

            assertThat(await(store.gateConnect(hash, "203.0.113.9"))).isEqualTo(ConnectGateVerdict.ACCEPTED);
            assertThat(await(store.gateConnect(hash, "198.51.100.1"))).isEqualTo(ConnectGateVerdict.WRONG_SOURCE);
            for (int retry = 1; retry <= 3; retry++) {
                assertThat(await(store.gateConnect(hash, "203.0.113.9"))).as("retry %d", retry)
                        .isEqualTo(ConnectGateVerdict.ACCEPTED);
            }
            assertThat(await(store.gateConnect(hash, "203.0.113.9"))).isEqualTo(ConnectGateVerdict.EXHAUSTED);
        }

        @Test
        void anEstablishedPeerLocksTheTokenUntilItDisconnects() {
            int hash = await(store.createPending(fivem("1"))).session().tokenHash();
            assertThat(await(store.gateConnect(hash, "203.0.113.9"))).isEqualTo(ConnectGateVerdict.ACCEPTED);

            await(store.lockConnectGate(hash));
            assertThat(await(store.gateConnect(hash, "203.0.113.9"))).isEqualTo(ConnectGateVerdict.EXHAUSTED);

            await(store.clearConnectGate(hash));
            assertThat(await(store.gateConnect(hash, "198.51.100.1"))).isEqualTo(ConnectGateVerdict.ACCEPTED);
        }

        @Test
        void theGateIsSharedBetweenStoreClients() {
            SessionStore other = open(RegistrySettings.defaults());
            int hash = await(store.createPending(fivem("1"))).session().tokenHash();
            assertThat(await(store.gateConnect(hash, "203.0.113.9"))).isEqualTo(ConnectGateVerdict.ACCEPTED);
            assertThat(await(other.gateConnect(hash, "198.51.100.1"))).isEqualTo(ConnectGateVerdict.WRONG_SOURCE);
        }
    }

    @Nested
    class Handshake {

        @Test
        void bindAssignsNetIdsFromOneAndSlotsFromTheTop() {
            BindResult first = bind(store, ready(store, "1"), GATEWAY_A_PEER_1);
            BindResult second = bind(store, ready(store, "2"), GATEWAY_B_PEER_7);

            assertThat(first.wasNew()).isTrue();
            assertThat(first.previousHolder()).isEmpty();
            assertThat(first.session().netId()).isEqualTo(1);
            assertThat(first.session().slotId()).isEqualTo(128);
            assertThat(first.session().holder()).isEqualTo(GATEWAY_A_PEER_1);
            assertThat(first.session().connected()).isTrue();
            assertThat(second.session().netId()).isEqualTo(2);
            assertThat(second.session().slotId()).isEqualTo(127);
            assertThat(await(store.findByKey(SessionKey.fivem("2")))).contains(second.session());
            assertThat(await(store.counts(Game.FIVEM))).isEqualTo(new PlayerCounts(0, 2, 2, 2));
        }

        @Test
        void withoutOneSyncNoSlotIsAssigned() {
            PendingCreated created = ready(store, "1");
            BindResult result = await(store.bind(
                    new BindRequest(created.session().key(), created.token(), GATEWAY_A_PEER_1, false)));
            assertThat(result.session().slotId()).isEqualTo(Session.NO_SLOT);
            assertThat(await(store.counts(Game.FIVEM)).slotsInUse()).isZero();
        }

        @Test
        void unknownGuidIsRefusedWithoutSideEffects() {
            PendingCreated other = ready(store, "1");
            RegistryError error = refusal(store.bind(
                    new BindRequest(SessionKey.fivem("2"), other.token(), GATEWAY_A_PEER_1, true)));
            assertThat(error).isEqualTo(RegistryError.NO_SESSION);
            assertThat(await(store.findByKey(SessionKey.fivem("1")))).isPresent();
        }

        @Test
        void wrongTokenIsRefusedAndRemovesTheSession() {
            PendingCreated created = ready(store, "1");
            PendingCreated other = ready(store, "2");
            RegistryError error = refusal(store.bind(
                    new BindRequest(SessionKey.fivem("1"), other.token(), GATEWAY_A_PEER_1, true)));
            assertThat(error).isEqualTo(RegistryError.INVALID_TOKEN);
            assertThat(error.protocolMessage()).isEqualTo("Invalid connection token received.");
            assertThat(await(store.findByToken(created.token()))).isEmpty();
            assertThat(await(store.findByKey(SessionKey.fivem("2")))).isPresent();
        }

        @Test
        void unvalidatedSessionIsRefusedAndRemoved() {
            PendingCreated created = await(store.createPending(fivem("1")));
            await(store.setDeferral(created.token(), DeferralState.DEFERRING));
            RegistryError error = refusal(store.bind(
                    new BindRequest(SessionKey.fivem("1"), created.token(), GATEWAY_A_PEER_1, true)));
            assertThat(error).isEqualTo(RegistryError.NOT_VALIDATED);
            assertThat(error.protocolMessage()).isEqualTo("Invalid connection.");
            assertThat(await(store.findByKey(SessionKey.fivem("1")))).isEmpty();
        }

        @Test
        void reconnectingPeerKeepsNetIdAndSlotAndLearnsThePreviousHolder() {
            PendingCreated created = ready(store, "1");
            BindResult first = bind(store, created, GATEWAY_A_PEER_1);
            bind(store, ready(store, "2"), GATEWAY_A_PEER_2);

            BindResult again = bind(store, created, GATEWAY_B_PEER_7);
            assertThat(again.wasNew()).isFalse();
            assertThat(again.previousHolder()).contains(GATEWAY_A_PEER_1);
            assertThat(again.session().netId()).isEqualTo(first.session().netId());
            assertThat(again.session().slotId()).isEqualTo(first.session().slotId());
            assertThat(again.session().holder()).isEqualTo(GATEWAY_B_PEER_7);

            BindResult same = bind(store, created, GATEWAY_B_PEER_7);
            assertThat(same.previousHolder()).isEmpty();
            assertThat(await(store.counts(Game.FIVEM))).isEqualTo(new PlayerCounts(0, 2, 2, 2));
        }

        @Test
        void slotsSkip31AndAFullTableIsRefusedWithFiveMsText() {
            SessionStore small = open(RegistrySettings.defaults().withSlotTableSize(34));
            List<Integer> slots = new ArrayList<>();
            for (int i = 0; i < 33; i++) {
                slots.add(bind(small, ready(small, "p" + i), GATEWAY_A_PEER_1).session().slotId());
            }
            List<Integer> expected = IntStream.iterate(33, s -> s - 1).limit(34).filter(s -> s != 31)
                    .boxed().toList();
            assertThat(slots).isEqualTo(expected);

            PendingCreated late = ready(small, "late");
            RegistryError error = refusal(small.bind(
                    new BindRequest(late.session().key(), late.token(), GATEWAY_A_PEER_1, true)));
            assertThat(error).isEqualTo(RegistryError.NO_SLOT);
            assertThat(error.protocolMessage()).isEqualTo("Not enough client slot IDs.");
            assertThat(await(small.findByKey(late.session().key()))).isEmpty();
            assertThat(await(small.counts(Game.FIVEM))).isEqualTo(new PlayerCounts(0, 33, 33, 33));
        }

        @Test
        void aFreedSlotIsHandedOutAgainHighestFirst() {
            PendingCreated a = ready(store, "a");
            bind(store, a, GATEWAY_A_PEER_1);
            bind(store, ready(store, "b"), GATEWAY_A_PEER_1);
            assertThat(await(store.remove(a.session().key(), a.token(), null))).isPresent();

            assertThat(bind(store, ready(store, "c"), GATEWAY_A_PEER_1).session().slotId()).isEqualTo(128);
        }

        @Test
        void netIdsKeepCountingPastFreedIdsThenWrapAndSkipIdsInUse() {
            SessionStore tiny = open(RegistrySettings.defaults().withNetIdCeiling(5));
            List<PendingCreated> players = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                PendingCreated p = ready(tiny, "p" + i);
                players.add(p);
                ids.add(bind(tiny, p, GATEWAY_A_PEER_1).session().netId());
            }
            assertThat(ids).containsExactly(1, 2, 3);

            await(tiny.remove(players.get(1).session().key(), players.get(1).token(), null));
            // the cursor moves on to 4 rather than reusing 2 at once
            assertThat(bind(tiny, ready(tiny, "p3"), GATEWAY_A_PEER_1).session().netId()).isEqualTo(4);
            // at the ceiling the cursor wraps to 1, which is taken, so 2 is next
            assertThat(bind(tiny, ready(tiny, "p4"), GATEWAY_A_PEER_1).session().netId()).isEqualTo(2);

            PendingCreated extra = ready(tiny, "p5");
            assertThat(refusal(tiny.bind(new BindRequest(extra.session().key(), extra.token(), GATEWAY_A_PEER_1,
                    false)))).isEqualTo(RegistryError.NO_NET_ID);
            assertThat(await(tiny.counts(Game.FIVEM)).netIdsInUse()).isEqualTo(4);
        }

        @Test
        void gamesHaveTheirOwnNetIdsAndRosters() {
            bind(store, ready(store, "1"), GATEWAY_A_PEER_1);
            PendingCreated hytale = await(store.createPending(validated(SessionKey.hytale("u-1"))));
            BindResult result = await(store.bind(
                    new BindRequest(hytale.session().key(), hytale.token(), GATEWAY_A_PEER_2, false)));

            assertThat(result.session().netId()).isEqualTo(1);
            assertThat(await(store.roster(Game.HYTALE))).extracting(Session::key)
                    .containsExactly(SessionKey.hytale("u-1"));
            assertThat(await(store.counts(Game.FIVEM))).isEqualTo(new PlayerCounts(0, 1, 1, 1));
            assertThat(await(store.counts(Game.HYTALE))).isEqualTo(new PlayerCounts(0, 1, 1, 0));
        }
    }

    @Nested
    class Removal {

        @Test
        void removeNeedsTheTokenAndFreesEverything() {
            PendingCreated created = ready(store, "1");
            bind(store, created, GATEWAY_A_PEER_1);
            int hash = created.session().tokenHash();
            assertThat(await(store.gateConnect(hash, "203.0.113.9"))).isEqualTo(ConnectGateVerdict.ACCEPTED);

            PendingCreated other = await(store.createPending(fivem("2")));
            assertThat(await(store.remove(SessionKey.fivem("1"), other.token(), null))).isEmpty();
            assertThat(await(store.findByKey(SessionKey.fivem("1")))).isPresent();

            Optional<Session> removed = await(store.remove(SessionKey.fivem("1"), created.token(), null));
            assertThat(removed).map(Session::netId).contains(1);
            assertThat(await(store.findByToken(created.token()))).isEmpty();
            assertThat(await(store.findByTokenHash(hash))).isEmpty();
            assertThat(await(store.gateConnect(hash, "203.0.113.9"))).isEqualTo(ConnectGateVerdict.UNKNOWN_TOKEN);
            assertThat(await(store.counts(Game.FIVEM))).isEqualTo(new PlayerCounts(1, 0, 0, 0));
            assertThat(await(store.remove(SessionKey.fivem("1"), created.token(), null))).isEmpty();
        }

        @Test
        void aLateDisconnectFromAnOldPeerDoesNotRemoveAMovedSession() {
            PendingCreated created = ready(store, "1");
            bind(store, created, GATEWAY_A_PEER_1);
            bind(store, created, GATEWAY_B_PEER_7);

            assertThat(await(store.remove(SessionKey.fivem("1"), created.token(), GATEWAY_A_PEER_1))).isEmpty();
            assertThat(await(store.remove(SessionKey.fivem("1"), created.token(), GATEWAY_B_PEER_7))).isPresent();
        }
    }

    @Nested
    class LivenessAndExpiry {

        @Test
        void pendingSessionsDieAfter120SecondsWithoutATouch() {
            PendingCreated quiet = await(store.createPending(fivem("quiet")));
            PendingCreated deferring = await(store.createPending(fivem("deferring")));
            PendingCreated downloading = await(store.createPending(fivem("downloading")));

            for (int second = 0; second < 130; second += 10) {
                clock.advance(Duration.ofSeconds(10));
                await(store.setDeferral(deferring.token(), DeferralState.DEFERRING));
                await(store.touchByToken(downloading.token()));
                List<Session> reaped = await(store.reapExpired());
                if (second + 10 <= 120) {
                    assertThat(reaped).as("at %d s", second + 10).isEmpty();
                } else {
                    assertThat(reaped).extracting(Session::key).containsExactly(quiet.session().key());
                    break;
                }
            }
            assertThat(await(store.findByToken(quiet.token()))).isEmpty();
            assertThat(await(store.gateConnect(quiet.session().tokenHash(), "203.0.113.9")))
                    .isEqualTo(ConnectGateVerdict.UNKNOWN_TOKEN);
            assertThat(await(store.counts(Game.FIVEM)).pending()).isEqualTo(2);
        }

        @Test
        void aCrashedGatewaysPlayersAreReclaimedWithTheirIdsAndSlots() {
            bind(store, ready(store, "a1"), GATEWAY_A_PEER_1);
            bind(store, ready(store, "a2"), GATEWAY_A_PEER_2);
            PendingCreated b = ready(store, "b");
            bind(store, b, GATEWAY_B_PEER_7);

            // gateway B keeps heartbeating, gateway A has crashed
            for (int i = 0; i < 6; i++) {
                clock.advance(Duration.ofSeconds(10));
                assertThat(await(store.heartbeat("gw-b", List.of(b.session().key())))).isEmpty();
                assertThat(await(store.reapExpired())).isEmpty();
            }
            clock.advance(Duration.ofSeconds(1));
            await(store.heartbeat("gw-b", List.of(b.session().key())));
            assertThat(await(store.reapExpired())).extracting(Session::key)
                    .containsExactlyInAnyOrder(SessionKey.fivem("a1"), SessionKey.fivem("a2"));

            assertThat(await(store.counts(Game.FIVEM))).isEqualTo(new PlayerCounts(0, 1, 1, 1));
            assertThat(await(store.roster(Game.FIVEM))).extracting(Session::key).containsExactly(b.session().key());
            assertThat(bind(store, ready(store, "next"), GATEWAY_B_PEER_7).session().slotId()).isEqualTo(128);
        }

        @Test
        void aLiveGatewayKeepsItsPlayersButNotOrphansItNoLongerVouchesFor() {
            PendingCreated listed = ready(store, "listed");
            PendingCreated forgotten = ready(store, "forgotten");
            bind(store, listed, GATEWAY_A_PEER_1);
            bind(store, forgotten, GATEWAY_A_PEER_2);

            long orphanAfter = RegistrySettings.defaults().connectedTtl()
                    .plus(RegistrySettings.defaults().orphanGrace()).toSeconds();
            for (long s = 0; s < orphanAfter; s += 20) {
                clock.advance(Duration.ofSeconds(20));
                await(store.heartbeat("gw-a", List.of(listed.session().key())));
                assertThat(await(store.reapExpired())).as("at %d s", s + 20).isEmpty();
            }
            clock.advance(Duration.ofSeconds(1));
            await(store.heartbeat("gw-a", List.of(listed.session().key())));
            assertThat(await(store.reapExpired())).extracting(Session::key)
                    .containsExactly(forgotten.session().key());
        }

        @Test
        void heartbeatReportsPlayersTheGatewayNoLongerHolds() {
            PendingCreated mine = ready(store, "mine");
            PendingCreated moved = ready(store, "moved");
            bind(store, mine, GATEWAY_A_PEER_1);
            bind(store, moved, GATEWAY_A_PEER_2);
            bind(store, moved, GATEWAY_B_PEER_7);
            clock.advance(Duration.ofSeconds(10));

            assertThat(await(store.heartbeat("gw-a",
                    List.of(mine.session().key(), moved.session().key(), SessionKey.fivem("gone")))))
                    .containsExactlyInAnyOrder(moved.session().key(), SessionKey.fivem("gone"));
            assertThat(await(store.findByKey(mine.session().key())).orElseThrow().lastSeenMillis())
                    .isEqualTo(clock.millis());
            assertThat(await(store.findByKey(moved.session().key())).orElseThrow().lastSeenMillis())
                    .isLessThan(clock.millis());
        }
    }

    @Nested
    class Views {

        @Test
        void rosterListsConnectedPlayersByNetIdAndCountsSeePending() {
            bind(store, ready(store, "x"), GATEWAY_A_PEER_1);
            bind(store, ready(store, "y"), GATEWAY_B_PEER_7);
            await(store.createPending(fivem("z")));

            List<Session> roster = await(store.roster(Game.FIVEM));
            assertThat(roster).extracting(Session::netId).containsExactly(1, 2);
            assertThat(roster).extracting(s -> s.holder().gatewayId()).containsExactly("gw-a", "gw-b");
            assertThat(roster.get(0).name()).isEqualTo("player-x");
            assertThat(roster.get(0).identifiers()).containsExactly("license:x", "ip:203.0.113.9");
            assertThat(await(store.counts(Game.FIVEM))).isEqualTo(new PlayerCounts(1, 2, 2, 2));
            assertThat(await(store.roster(Game.HYTALE))).isEmpty();
        }

        @Test
        void allClientsSeeTheSameSessions() {
            SessionStore other = open(RegistrySettings.defaults());
            PendingCreated created = ready(store, "shared");
            BindResult bound = bind(other, created, GATEWAY_B_PEER_7);
            assertThat(await(store.findByKey(created.session().key()))).contains(bound.session());
        }
    }

    @Nested
    class Security {

        @Test
        void aTicketIsUsableOnceWithinItsTtl() {
            assertThat(await(store.firstUse("ticket-fp-1", Duration.ofSeconds(30)))).isTrue();
            assertThat(await(store.firstUse("ticket-fp-1", Duration.ofSeconds(30)))).isFalse();
            assertThat(await(store.firstUse("ticket-fp-2", Duration.ofSeconds(30)))).isTrue();
            clock.advance(Duration.ofSeconds(29));
            assertThat(await(store.firstUse("ticket-fp-1", Duration.ofSeconds(30)))).isFalse();
            clock.advance(Duration.ofSeconds(2));
            assertThat(await(store.firstUse("ticket-fp-1", Duration.ofSeconds(30)))).isTrue();
        }

        @Test
        void passwordFailuresCountUpResetAndExpire() {
            Duration window = Duration.ofMinutes(5);
            assertThat(await(store.recordPasswordFailure("uuid-1", window))).isEqualTo(1);
            assertThat(await(store.recordPasswordFailure("uuid-1", window))).isEqualTo(2);
            assertThat(await(store.recordPasswordFailure("uuid-2", window))).isEqualTo(1);
            assertThat(await(store.recordPasswordFailure("uuid-1", window))).isEqualTo(3);

            await(store.resetPasswordFailures("uuid-1"));
            assertThat(await(store.recordPasswordFailure("uuid-1", window))).isEqualTo(1);

            clock.advance(window.plusSeconds(1));
            assertThat(await(store.recordPasswordFailure("uuid-2", window))).isEqualTo(1);
        }
    }

    /** Several store clients, several threads each, fight over net IDs and slots. */
    @Nested
    class Races {

        private static final int CLIENTS = 4;
        private static final int THREADS_PER_CLIENT = 3;

        private List<SessionStore> clients(RegistrySettings settings) {
            List<SessionStore> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(open(settings));
            }
            return clients;
        }

        private void runWorkers(List<SessionStore> clients, Worker worker) throws Exception {
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int c = 0; c < clients.size(); c++) {
                for (int t = 0; t < THREADS_PER_CLIENT; t++) {
                    SessionStore client = clients.get(c);
                    String name = "c" + c + "t" + t;
                    Thread thread = new Thread(() -> {
                        try {
                            start.await();
                            worker.run(client, name);
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }, "race-" + name);
                    threads.add(thread);
                    thread.start();
                }
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(60));
                assertThat(thread.isAlive()).as("worker %s finished in time", thread.getName()).isFalse();
            }
            if (!failures.isEmpty()) {
                AssertionError error = new AssertionError(failures.size() + " worker(s) failed");
                failures.forEach(error::addSuppressed);
                throw error;
            }
        }

        @FunctionalInterface
        interface Worker {
            void run(SessionStore client, String name) throws Exception;
        }

        @Test
        void scarceSlotsAreNeverHandedOutTwiceAndNothingLeaks() throws Exception {
            RegistrySettings settings = RegistrySettings.defaults().withSlotTableSize(40);
            List<SessionStore> clients = clients(settings);
            int attemptsPerThread = 5;
            List<PendingCreated> winners = java.util.Collections.synchronizedList(new ArrayList<>());
            List<BindResult> results = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();

            runWorkers(clients, (client, name) -> {
                for (int i = 0; i < attemptsPerThread; i++) {
                    PendingCreated created = ready(client, name + "-" + i);
                    try {
                        results.add(bind(client, created, new Holder("gw-" + name, i, "")));
                        winners.add(created);
                    } catch (RegistryException e) {
                        assertThat(e.error()).isEqualTo(RegistryError.NO_SLOT);
                        refused.incrementAndGet();
                    }
                }
            });

            int capacity = 39;
            int attempts = CLIENTS * THREADS_PER_CLIENT * attemptsPerThread;
            assertThat(results).hasSize(capacity);
            assertThat(refused).hasValue(attempts - capacity);
            Set<Integer> slots = results.stream().map(r -> r.session().slotId()).collect(Collectors.toSet());
            Set<Integer> netIds = results.stream().map(r -> r.session().netId()).collect(Collectors.toSet());
            assertThat(slots).hasSize(capacity).doesNotContain(31).allMatch(s -> s >= 0 && s < 40);
            assertThat(netIds).hasSize(capacity);
            assertThat(await(clients.get(0).counts(Game.FIVEM))).isEqualTo(new PlayerCounts(0, capacity, capacity, capacity));

            runWorkers(clients, (client, name) -> {
                PendingCreated mine;
                while ((mine = takeOne(winners)) != null) {
                    assertThat(await(client.remove(mine.session().key(), mine.token(), null))).isPresent();
                }
            });
            assertThat(await(clients.get(0).counts(Game.FIVEM))).isEqualTo(new PlayerCounts(0, 0, 0, 0));
            assertThat(await(clients.get(0).roster(Game.FIVEM))).isEmpty();
        }

        @Test
        void churningPlayersNeverShareANetIdOrSlot() throws Exception {
            RegistrySettings settings = RegistrySettings.defaults().withSlotTableSize(40);
            List<SessionStore> clients = clients(settings);
            java.util.concurrent.ConcurrentHashMap<Integer, String> heldNetIds = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.concurrent.ConcurrentHashMap<Integer, String> heldSlots = new java.util.concurrent.ConcurrentHashMap<>();
            int rounds = 25;

            runWorkers(clients, (client, name) -> {
                for (int i = 0; i < rounds; i++) {
                    String guid = name + "-" + i;
                    PendingCreated created = ready(client, guid);
                    Session session = bind(client, created, new Holder("gw-" + name, i, "")).session();
                    assertThat(heldNetIds.putIfAbsent(session.netId(), guid)).as("net ID %d", session.netId()).isNull();
                    assertThat(heldSlots.putIfAbsent(session.slotId(), guid)).as("slot %d", session.slotId()).isNull();
                    // forget locally before releasing, so whoever gets the ID next finds it free here
                    heldNetIds.remove(session.netId(), guid);
                    heldSlots.remove(session.slotId(), guid);
                    assertThat(await(client.remove(session.key(), created.token(), session.holder()))).isPresent();
                }
            });

            assertThat(await(clients.get(0).counts(Game.FIVEM))).isEqualTo(new PlayerCounts(0, 0, 0, 0));
            assertThat(await(clients.get(0).roster(Game.FIVEM))).isEmpty();
        }

        @Test
        void concurrentConnectsWithOneGuidLeaveExactlyOneSession() throws Exception {
            List<SessionStore> clients = clients(RegistrySettings.defaults());
            java.util.concurrent.atomic.AtomicInteger replacedCount = new java.util.concurrent.atomic.AtomicInteger();
            int perThread = 10;

            runWorkers(clients, (client, name) -> {
                for (int i = 0; i < perThread; i++) {
                    PendingCreated created = await(client.createPending(fivem("same-guid")));
                    created.replaced().ifPresent(r -> replacedCount.incrementAndGet());
                }
            });

            assertThat(replacedCount).hasValue(CLIENTS * THREADS_PER_CLIENT * perThread - 1);
            assertThat(await(clients.get(0).counts(Game.FIVEM)).pending()).isEqualTo(1);
        }

        private static PendingCreated takeOne(List<PendingCreated> list) {
            synchronized (list) {
                return list.isEmpty() ? null : list.remove(list.size() - 1);
            }
        }
    }
}
