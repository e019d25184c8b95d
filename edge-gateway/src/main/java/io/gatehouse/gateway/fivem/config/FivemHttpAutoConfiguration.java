package io.gatehouse.gateway.fivem.config;

import io.gatehouse.gateway.fivem.http.FivemEndpoints;
import io.gatehouse.gateway.fivem.http.FivemGatewayFilters;
import io.gatehouse.gateway.fivem.http.FivemHttpHandlers;
import io.gatehouse.gateway.fivem.http.FivemHttpListener;
import io.gatehouse.gateway.fivem.http.FivemNettyCustomizer;
import io.gatehouse.gateway.fivem.http.FivemRateLimiter;
import io.gatehouse.gateway.fivem.http.FivemResponseHeadersFilter;
import io.gatehouse.gateway.fivem.http.FivemTlsMaterial;
import io.gatehouse.gateway.fivem.http.IpRanges;
import io.gatehouse.gateway.fivem.http.TcpConnectionLimiter;
import io.gatehouse.support.roles.ConditionalOnRole;
import io.gatehouse.support.roles.Role;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The FiveM HTTP control plane of a gateway: FXServer's TCP endpoint on {@code gatehouse.fivem.port} (the web
 * server's port), Spring Cloud Gateway routes carrying the edge policy, and local endpoints for the handlers.
 *
 * <p>Handlers are beans implementing {@link FivemHttpHandlers}' interfaces, looked up when present; missing ones are
 * served by {@link FivemHttpHandlers.Placeholders} (FXServer's 404) so the gateway boots. They are not registered as
 * {@code @ConditionalOnMissingBean} beans, which would depend on auto-configuration order across modules.
 */
@AutoConfiguration
@ConditionalOnRole(Role.GATEWAY)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(FivemProperties.class)
public class FivemHttpAutoConfiguration {

    /** Route ids, for metrics and logs. */
    public static final String INFO_ROUTE = "fivem-info";
    public static final String DYNAMIC_ROUTE = "fivem-dynamic";
    public static final String PLAYERS_ROUTE = "fivem-players";
    public static final String CLIENT_ROUTE = "fivem-client";
    public static final String FILES_ROUTE = "fivem-files";
    public static final String NOT_FOUND_ROUTE = "fivem-not-found";

    @Bean
    IpRanges fivemProxyIpRanges(FivemProperties properties) {
        return IpRanges.parse(properties.getProxyIpRanges());
    }

    /**
     * Not a default candidate for injection by type: Spring Cloud Gateway's RequestRateLimiter factory wants a single
     * {@code RateLimiter} and would otherwise clash with its Redis one when Redis is on the classpath. Its time source
     * is the system's unless the context declares a {@link FivemRateLimiter.Ticker} (tests).
     */
    @Bean(destroyMethod = "close", defaultCandidate = false)
    FivemRateLimiter fivemRateLimiter(FivemProperties properties, ObjectProvider<FivemRateLimiter.Ticker> ticker) {
        return new FivemRateLimiter(properties.getRateLimiters(), ticker.getIfAvailable(() -> System::nanoTime));
    }

    @Bean
    TcpConnectionLimiter fivemTcpConnectionLimiter(FivemProperties properties, IpRanges fivemProxyIpRanges) {
        return new TcpConnectionLimiter(properties.getTcpConnectionLimit(), fivemProxyIpRanges);
    }

    @Bean
    FivemTlsMaterial fivemTlsMaterial(FivemProperties properties, Environment environment) {
        Path dataDir = Path.of(environment.getProperty("gatehouse.data-dir", "./.gatehouse"));
        return FivemTlsMaterial.load(properties.getTls(), dataDir);
    }

    @Bean
    FivemNettyCustomizer fivemNettyCustomizer(FivemProperties properties, TcpConnectionLimiter limiter,
                                              FivemTlsMaterial tls) {
        return new FivemNettyCustomizer(properties, limiter, tls.serverContext());
    }

    @Bean(FivemHttpListener.NAME)
    FivemHttpListener fivemHttpListener(ApplicationContext context, Environment environment) {
        return new FivemHttpListener(context, environment.getProperty("server.address"));
    }

    @Bean
    FivemResponseHeadersFilter fivemResponseHeadersFilter(FivemHttpListener fivemHttpListener) {
        return new FivemResponseHeadersFilter(fivemHttpListener);
    }

    @Bean
    FivemGatewayFilters fivemGatewayFilters(FivemProperties properties, IpRanges fivemProxyIpRanges,
                                            @Qualifier("fivemRateLimiter") FivemRateLimiter limiter) {
        return new FivemGatewayFilters(properties, fivemProxyIpRanges, limiter);
    }

    @Bean
    FivemEndpoints fivemEndpoints(ObjectProvider<FivemHttpHandlers.Info> info,
                                  ObjectProvider<FivemHttpHandlers.Dynamic> dynamic,
                                  ObjectProvider<FivemHttpHandlers.Players> players,
                                  ObjectProvider<FivemHttpHandlers.Client> client,
                                  ObjectProvider<FivemHttpHandlers.Files> files) {
        return new FivemEndpoints(
                info.getIfAvailable(() -> FivemHttpHandlers.Placeholders.INFO),
                dynamic.getIfAvailable(() -> FivemHttpHandlers.Placeholders.DYNAMIC),
                players.getIfAvailable(() -> FivemHttpHandlers.Placeholders.PLAYERS),
                client.getIfAvailable(() -> FivemHttpHandlers.Placeholders.CLIENT),
                files.getIfAvailable(() -> FivemHttpHandlers.Placeholders.FILES));
    }

    @Bean
    RouterFunction<ServerResponse> fivemInternalRoutes(FivemEndpoints fivemEndpoints) {
        return fivemEndpoints.routes();
    }

    /**
     * FXServer's endpoints, matched like its HttpServerManager: case-insensitive path prefix ({@code /info.jsonx}
     * is info), anything else 404 {@code Route <path> not found.}. Each route runs its policy filters, then forwards
     * to the local endpoint. {@code /profileData.json}, {@code /perf} and resource HTTP handlers are not served.
     */
    @Bean
    RouteLocator fivemRoutes(RouteLocatorBuilder builder, FivemGatewayFilters filters) {
        int o = FivemGatewayFilters.ORDER;
        return builder.routes()
                .route(INFO_ROUTE, r -> r.order(0).predicate(prefix("/info.json"))
                        .filters(f -> f.filter(filters.routeContext(), o)
                                .filter(filters.requestParanoia(true), o + 1)
                                .filter(filters.rateLimit("http_info"), o + 2))
                        .uri("forward:" + FivemEndpoints.INFO))
                .route(DYNAMIC_ROUTE, r -> r.order(0).predicate(prefix("/dynamic.json"))
                        .filters(f -> f.filter(filters.routeContext(), o)
                                .filter(filters.requestParanoia(false), o + 1))
                        .uri("forward:" + FivemEndpoints.DYNAMIC))
                .route(PLAYERS_ROUTE, r -> r.order(0).predicate(prefix("/players.json"))
                        .filters(f -> f.filter(filters.routeContext(), o)
                                .filter(filters.requestParanoia(true), o + 1)
                                .filter(filters.rateLimit("http_players"), o + 2))
                        .uri("forward:" + FivemEndpoints.PLAYERS))
                .route(CLIENT_ROUTE, r -> r.order(0).predicate(prefix("/client"))
                        .filters(f -> f.filter(filters.routeContext(), o)
                                .filter(filters.onlyMethod(HttpMethod.POST, "/client is POST only"), o + 1)
                                .filter(filters.clientBodyLimit(), o + 2))
                        .uri("forward:" + FivemEndpoints.CLIENT))
                .route(FILES_ROUTE, r -> r.order(0).predicate(prefix("/files"))
                        .filters(f -> f.filter(filters.routeContext(), o)
                                .filter(filters.onlyMethod(HttpMethod.GET, "/files is GET only"), o + 1))
                        .uri("forward:" + FivemEndpoints.FILES))
                .route(NOT_FOUND_ROUTE, r -> r.order(Ordered.LOWEST_PRECEDENCE).alwaysTrue()
                        .filters(f -> f.filter(filters.routeNotFound(), o))
                        .uri("no://op"))
                .build();
    }

    private static java.util.function.Predicate<org.springframework.web.server.ServerWebExchange> prefix(String p) {
        return exchange -> exchange.getRequest().getPath().value().regionMatches(true, 0, p, 0, p.length());
    }
}
