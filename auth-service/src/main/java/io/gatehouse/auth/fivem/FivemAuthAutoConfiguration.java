package io.gatehouse.auth.fivem;

import io.gatehouse.auth.fivem.admission.AdmissionHook;
import io.gatehouse.auth.fivem.admission.IdentifierListHook;
import io.gatehouse.auth.fivem.admission.MaxClientsHook;
import io.gatehouse.auth.fivem.admission.WebhookHook;
import io.gatehouse.auth.fivem.grpc.FivemAuthGrpcService;
import io.gatehouse.auth.fivem.grpc.WorldConfigurationClient;
import io.gatehouse.fivem.protocol.ticket.CfxKeys;
import io.gatehouse.fivem.protocol.ticket.CfxPublicKeySource;
import io.gatehouse.fivem.protocol.ticket.CfxTicketVerifier;
import io.gatehouse.fivem.protocol.ticket.TicketVerifier;
import io.gatehouse.registry.config.SessionRegistryClientAutoConfiguration;
import io.gatehouse.registry.core.SessionStore;
import io.gatehouse.support.config.ServiceSupportAutoConfiguration;
import io.gatehouse.support.grpc.GrpcChannels;
import io.gatehouse.support.roles.ConditionalOnRole;
import io.gatehouse.support.roles.Role;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The auth service's FiveM side: the {@code FivemAuth} gRPC service (initConnect, getEndpoints, getConfiguration,
 * submitCard), Cfx ticket verification with a cluster-wide replay guard, and the built-in admission hooks
 * (max-clients, allow/deny lists, webhook). Operators add hooks by declaring {@link AdmissionHook} beans.
 */
@AutoConfiguration(after = {ServiceSupportAutoConfiguration.class, SessionRegistryClientAutoConfiguration.class})
@ConditionalOnRole(Role.AUTH)
@EnableConfigurationProperties(FivemAuthProperties.class)
public class FivemAuthAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FivemAuthAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    CfxPublicKeySource cfxPublicKeySource(FivemAuthProperties properties, ObjectProvider<CfxTicketDefaults> local) {
        FivemAuthProperties.Ticket t = properties.getTicket();
        if (t.getPublicKey() != null && !t.getPublicKey().isBlank()) {
            log.info("Cfx tickets verified with the configured public key");
            return CfxPublicKeySource.fixed(CfxKeys.publicKeyFromBase64(t.getPublicKey().trim()));
        }
        String url = t.getPublicKeyUrl();
        if (url == null || url.isBlank()) {
            CfxTicketDefaults defaults = local.getIfAvailable();
            url = defaults != null ? defaults.publicKeyUrl() : FivemAuthProperties.Ticket.DEFAULT_PUBLIC_KEY_URL;
        }
        log.info("Cfx ticket public key from {}{}", url, properties.isLan() ? " (sv_lan: tickets not checked)" : "");
        return new HttpCfxPublicKeySource(URI.create(url), t.getRefreshMinAge(), t.getFetchTimeout(),
                Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    TicketVerifier cfxTicketVerifier(CfxPublicKeySource keys, SessionStore store, GrpcChannels channels) {
        return new CfxTicketVerifier(keys,
                new RegistryTicketReplayGuard(store, channels.deadline("session").toMillis()), Clock.systemUTC());
    }

    @Bean(name = "fivemAuthWorker", destroyMethod = "shutdownNow")
    @ConditionalOnMissingBean(name = "fivemAuthWorker")
    ExecutorService fivemAuthWorker(FivemAuthProperties properties) {
        AtomicInteger n = new AtomicInteger();
        int threads = Math.max(1, properties.getControl().getWorkerThreads());
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "fivem-auth-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Bean(name = "fivemAuthTimer", destroyMethod = "shutdownNow")
    @ConditionalOnMissingBean(name = "fivemAuthTimer")
    ScheduledExecutorService fivemAuthTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "fivem-deferrals");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    @Bean
    @ConditionalOnMissingBean
    CardRouter fivemCardRouter() {
        return new CardRouter();
    }

    @Bean
    @ConditionalOnMissingBean
    TcpSourceIndex fivemTcpSourceIndex() {
        return new TcpSourceIndex();
    }

    @Bean
    @Order(100)
    @ConditionalOnMissingBean
    MaxClientsHook fivemMaxClientsHook(SessionStore store, FivemAuthProperties properties) {
        return new MaxClientsHook(store, properties);
    }

    @Bean
    @Order(200)
    @ConditionalOnMissingBean
    IdentifierListHook fivemIdentifierListHook(FivemAuthProperties properties) {
        return new IdentifierListHook(properties);
    }

    @Bean
    @Order(300)
    @ConditionalOnMissingBean
    WebhookHook fivemWebhookHook(FivemAuthProperties properties) {
        return new WebhookHook(properties, WebClient.builder().build());
    }

    @Bean
    @ConditionalOnMissingBean
    InitConnectService fivemInitConnectService(FivemAuthProperties properties, TicketVerifier verifier,
                                               SessionStore store, ObjectProvider<AdmissionHook> hooks,
                                               CardRouter cards, TcpSourceIndex sources,
                                               ExecutorService fivemAuthWorker,
                                               ScheduledExecutorService fivemAuthTimer) {
        return new InitConnectService(() -> InitConnectService.configFrom(properties), verifier, store,
                () -> hooks.orderedStream().toList(), cards, sources, fivemAuthWorker, fivemAuthTimer);
    }

    @Bean
    @ConditionalOnMissingBean
    ClientMethods fivemClientMethods(SessionStore store, FivemAuthProperties properties, CardRouter cards,
                                     TcpSourceIndex sources, GrpcChannels channels) {
        FivemAuthProperties.Control c = properties.getControl();
        return new ClientMethods(store, properties, cards, sources,
                new TokenRateLimiter(c.getConfigurationRate(), c.getConfigurationBurst()),
                new WorldConfigurationClient(channels.channel("world"), channels.deadline("world")));
    }

    @Bean
    @ConditionalOnMissingBean
    FivemAuthGrpcService fivemAuthGrpcService(InitConnectService initConnect, ClientMethods methods) {
        return new FivemAuthGrpcService(initConnect, methods);
    }
}
