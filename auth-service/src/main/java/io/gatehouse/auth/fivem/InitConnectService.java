package io.gatehouse.auth.fivem;

import io.gatehouse.auth.fivem.admission.AdmissionHook;
import io.gatehouse.auth.fivem.admission.AdmissionVerdict;
import io.gatehouse.auth.fivem.admission.ConnectingPlayer;
import io.gatehouse.auth.fivem.admission.Deferral;
import io.gatehouse.fivem.protocol.form.FormData;
import io.gatehouse.fivem.protocol.form.FormEncoder;
import io.gatehouse.fivem.protocol.http.DeferralChunks;
import io.gatehouse.fivem.protocol.http.GameName;
import io.gatehouse.fivem.protocol.http.InitConnect;
import io.gatehouse.fivem.protocol.http.InitConnectConfig;
import io.gatehouse.fivem.protocol.http.InitConnectDecision;
import io.gatehouse.fivem.protocol.http.InitConnectError;
import io.gatehouse.fivem.protocol.http.InitConnectRequest;
import io.gatehouse.fivem.protocol.ticket.TicketVerifier;
import io.gatehouse.registry.core.DeferralState;
import io.gatehouse.registry.core.NewSession;
import io.gatehouse.registry.core.SessionKey;
import io.gatehouse.registry.core.SessionStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code method=initConnect} ({@code InitConnectMethod.cpp}) around the pure {@link InitConnect#decide}: the checks
 * (ticket included) run on a worker pool; an accepted player gets a pending session in the registry (token,
 * temporary net ID, replacing any session of the same guid with "Reconnecting"); the {@link AdmissionHook}s run as
 * {@code playerConnecting} handlers, with deferral chunks, a keep-alive every second that also Touches the session,
 * and cards answered through {@link CardRouter}; then {@code passedValidation} is set and the final object sent.
 * Cancelling the call (the player closed the request) stops the hooks and removes the session.
 */
public final class InitConnectService {

    private static final Logger log = LoggerFactory.getLogger(InitConnectService.class);

    private final Supplier<InitConnectConfig> config;
    private final TicketVerifier verifier;
    private final SessionStore store;
    private final Supplier<List<AdmissionHook>> hooks;
    private final CardRouter cards;
    private final TcpSourceIndex sources;
    private final Executor worker;
    private final ScheduledExecutorService timer;

    public InitConnectService(Supplier<InitConnectConfig> config, TicketVerifier verifier, SessionStore store,
                              Supplier<List<AdmissionHook>> hooks, CardRouter cards, TcpSourceIndex sources,
                              Executor worker, ScheduledExecutorService timer) {
        this.config = config;
        this.verifier = verifier;
        this.store = store;
        this.hooks = hooks;
        this.cards = cards;
        this.sources = sources;
        this.worker = worker;
        this.timer = timer;
    }

    /** The settings initConnect consults, from the properties as they are now. */
    public static InitConnectConfig configFrom(FivemAuthProperties p) {
        GameName game;
        try {
            game = GameName.valueOf(p.getGameName().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            game = GameName.GTA5;
        }
        return InitConnectConfig.builder()
                .game(game)
                .lan(p.isLan())
                .serverId(p.getServerId())
                .enforceGameBuild(p.getEnforceGameBuild())
                .maxClients(p.getMaxClients())
                .pureLevel(p.getPureLevel())
                .scriptHookAllowed(p.isScriptHookAllowed())
                .enhancedHostSupport(p.isEnhancedHostSupport())
                .oneSync(p.isOnesync())
                .oneSyncBig(p.isOnesync())
                .oneSyncLengthHack(p.isOnesync())
                .oneSyncPopulation(p.isOnesyncPopulation())
                .build();
    }

    /**
     * Starts one initConnect. {@code sink} receives chunks from worker, timer and registry threads (never
     * concurrently); cancel the returned handle when the player goes away.
     */
    public Handle start(Map<String, String> form, String clientAddress, ChunkSink sink) {
        Call call = new Call(form, clientAddress, sink);
        try {
            worker.execute(call::decide);
        } catch (RejectedExecutionException e) {
            sink.fail(e);
        }
        return call;
    }

    /** A running initConnect. */
    public interface Handle {
        /** The player closed the request: clear the deferral. */
        void cancel();
    }

    /** The gateway's form map back into FXServer's {@link FormData} (an empty value ends FXServer's decoding). */
    static FormData formData(Map<String, String> form) {
        Map<String, String> nonEmpty = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k != null && !k.isEmpty() && v != null && !v.isEmpty()) {
                nonEmpty.put(k, v);
            }
        });
        return FormData.decode(FormEncoder.encode(nonEmpty));
    }

    /** FXServer formats the remote as {@code ip:port}; the gateway sends the IP only. */
    static String remoteAddress(String ip) {
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:0" : ip + ":0";
    }

    private final class Call implements Handle {
        private final Map<String, String> form;
        private final String clientAddress;
        private final ChunkSink sink;
        private final Map<String, String> handover = new LinkedHashMap<>();
        private volatile boolean cancelled;
        private boolean finished;
        private volatile InitConnectConfig cfg;
        private volatile InitConnectDecision.Accepted accepted;
        private volatile SessionKey key;
        private volatile String token;
        private volatile CompletableFuture<?> currentHook;
        private ScheduledFuture<?> keepAlive;
        private boolean deferring;

        Call(Map<String, String> form, String clientAddress, ChunkSink sink) {
            this.form = form;
            this.clientAddress = clientAddress;
            this.sink = sink;
        }

        void decide() {
            if (cancelled) {
                return;
            }
            try {
                cfg = config.get();
                InitConnectDecision d = InitConnect.decide(cfg,
                        new InitConnectRequest(formData(form), remoteAddress(clientAddress)), verifier);
                if (d instanceof InitConnectDecision.Rejected r) {
                    finish(r.message());
                    return;
                }
                accepted = (InitConnectDecision.Accepted) d;
                try {
                    key = SessionKey.fivem(accepted.guid());
                } catch (IllegalArgumentException e) {
                    // only reachable with sv_lan (a ticket pins the guid to a number)
                    finish(InitConnectError.FIELDS_MISSING_TEXT);
                    return;
                }
                store.createPending(new NewSession(key, accepted.name(), accepted.tcpEndpoint(),
                        accepted.identifiers(), false)).whenComplete((created, error) -> {
                            if (error != null) {
                                failed(error);
                                return;
                            }
                            token = created.token();
                            sources.record(accepted.tcpEndpoint(), token);
                            created.replaced().ifPresent(r -> log.debug("FiveM session {} replaced ({})",
                                    r.session().key(), r.reason()));
                            if (cancelled) {
                                dropSession();
                                return;
                            }
                            ConnectingPlayer player = new ConnectingPlayer(accepted.name(), accepted.guid(),
                                    accepted.identifiers(), accepted.tcpEndpoint(), created.session().tempNetId());
                            runHook(hooks.get(), 0, player);
                        });
            } catch (RuntimeException e) {
                failed(e);
            }
        }

        private void runHook(List<AdmissionHook> all, int index, ConnectingPlayer player) {
            if (cancelled) {
                return;
            }
            if (index == all.size()) {
                acceptPlayer();
                return;
            }
            AdmissionHook hook = all.get(index);
            CompletableFuture<AdmissionVerdict> verdict;
            try {
                verdict = Objects.requireNonNull(hook.admit(player, new HookDeferral()), "verdict")
                        .toCompletableFuture();
            } catch (RuntimeException e) {
                verdict = CompletableFuture.failedFuture(e);
            }
            currentHook = verdict;
            verdict.whenComplete((v, error) -> {
                if (cancelled) {
                    return;
                }
                if (error != null) {
                    log.warn("Admission hook {} failed", hook.description(), error);
                    rejectPlayer(InitConnectError.RESOURCE_PREVENTED_TEXT);
                } else if (v instanceof AdmissionVerdict.Reject r) {
                    rejectPlayer(r.reason());
                } else {
                    runHook(all, index + 1, player);
                }
            });
        }

        private void acceptPlayer() {
            stopKeepAlive();
            store.setDeferral(token, DeferralState.DONE).whenComplete((session, error) -> {
                if (error != null) {
                    failed(error);
                } else if (session.isEmpty()) {
                    // replaced by a newer initConnect of the same guid, or reaped
                    finish("Reconnecting");
                } else {
                    Map<String, String> h;
                    synchronized (this) {
                        h = new LinkedHashMap<>(handover);
                    }
                    finishRaw(strip(InitConnect.successChunk(cfg, accepted.gameName(), token, h)));
                }
            });
        }

        private void rejectPlayer(String reason) {
            stopKeepAlive();
            dropSession();
            finish(reason);
        }

        private void dropSession() {
            String t = token;
            if (t != null) {
                cards.forget(t);
                sources.forget(accepted.tcpEndpoint(), t);
                store.remove(key, t, null);
            }
        }

        @Override
        public void cancel() {
            synchronized (this) {
                if (finished || cancelled) {
                    return;
                }
                cancelled = true;
            }
            stopKeepAlive();
            CompletableFuture<?> hook = currentHook;
            if (hook != null) {
                hook.cancel(true);
            }
            dropSession();
        }

        private void finish(String errorText) {
            finishRaw(strip(DeferralChunks.error(errorText)));
        }

        private void finishRaw(String json) {
            synchronized (this) {
                if (finished || cancelled) {
                    return;
                }
                finished = true;
                sink.send(json);
                sink.complete();
            }
        }

        private void failed(Throwable error) {
            stopKeepAlive();
            synchronized (this) {
                if (finished || cancelled) {
                    return;
                }
                finished = true;
            }
            dropSession();
            sink.fail(error);
        }

        private synchronized void sendChunk(String json) {
            if (!finished && !cancelled) {
                sink.send(json);
            }
        }

        private synchronized void startDeferring() {
            if (deferring || finished || cancelled) {
                return;
            }
            deferring = true;
            store.setDeferral(token, DeferralState.DEFERRING);
            keepAlive = timer.scheduleAtFixedRate(() -> {
                sendChunk(strip(DeferralChunks.keepAlive()));
                // FXServer Touches deferring clients every tick so the 120 s pre-connect timeout never fires
                store.touchByToken(token);
            }, DeferralChunks.KEEP_ALIVE_INTERVAL_MS, DeferralChunks.KEEP_ALIVE_INTERVAL_MS, TimeUnit.MILLISECONDS);
        }

        private synchronized void stopKeepAlive() {
            if (keepAlive != null) {
                keepAlive.cancel(false);
                keepAlive = null;
            }
        }

        private final class HookDeferral implements Deferral {
            @Override
            public void defer() {
                startDeferring();
            }

            @Override
            public void update(String message) {
                startDeferring();
                sendChunk(strip(DeferralChunks.message(message)));
            }

            @Override
            public CompletableFuture<String> presentCard(String cardJson) {
                startDeferring();
                CompletableFuture<String> answer = cards.await(token);
                sendChunk(strip(DeferralChunks.card(cardJson, token)));
                return answer;
            }

            @Override
            public void handover(String key, String json) {
                synchronized (Call.this) {
                    handover.put(key, json);
                }
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }
        }
    }

    /** Chunks travel without the CRLF FXServer appends; the gateway adds it. */
    static String strip(String chunk) {
        return chunk.endsWith("\r\n") ? chunk.substring(0, chunk.length() - 2) : chunk;
    }
}
