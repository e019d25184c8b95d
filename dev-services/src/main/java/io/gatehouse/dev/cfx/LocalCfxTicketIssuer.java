package io.gatehouse.dev.cfx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.fivem.protocol.ticket.CfxKeys;
import io.gatehouse.fivem.protocol.ticket.CfxTicketIssuer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A local stand-in for the Cfx ticket backend (fivem-pipeline.md §4): an RSA-1024 key pair persisted under the data
 * directory, {@code cfxTicket2} tickets for any guid in the exact layout FXServer verifies, and the public key served
 * where FXServer fetches it, so {@code gatehouse.fivem.ticket.public-key-url} can point here.
 *
 * <pre>
 * GET  /api/ticket/pubkey   → 200 {"key":"&lt;base64 DER PKCS#1 RSAPublicKey&gt;"}   (same path as lambda.fivem.net)
 * POST /api/ticket/issue    {"guid":"&lt;decimal u64&gt;","si":..,"gn":..,"name":..} → 200 {"ticket":"&lt;base64&gt;"}
 *                           (local only: how the real client gets its ticket is closed source)
 * </pre>
 */
public final class LocalCfxTicketIssuer implements AutoCloseable {

    public static final String PUBKEY_PATH = "/api/ticket/pubkey";
    public static final String ISSUE_PATH = "/api/ticket/issue";
    public static final int DEFAULT_PORT = 5581;
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(LocalCfxTicketIssuer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;
    private final Clock clock;
    private DisposableServer server;

    public LocalCfxTicketIssuer(RSAPrivateCrtKey privateKey, Clock clock) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.publicKey = CfxKeys.publicOf(privateKey);
        this.clock = clock;
    }

    /** Loads the key pair from {@code keyFile} (PKCS#8 PEM), generating and persisting it (owner-only) when absent. */
    public static LocalCfxTicketIssuer loadOrGenerate(Path keyFile, Clock clock) throws IOException {
        if (Files.isRegularFile(keyFile)) {
            return new LocalCfxTicketIssuer(CfxKeys.privateKeyFromPem(Files.readString(keyFile)), clock);
        }
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) CfxKeys.generate().getPrivate();
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(keyFile.toAbsolutePath().getParent(), ".cfx-key", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.writeString(tmp, CfxKeys.privateKeyToPem(key));
        Files.move(tmp, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        log.info("Generated the local Cfx ticket key in {}", keyFile);
        return new LocalCfxTicketIssuer(key, clock);
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** What the pubkey endpoint serves in {@code key}: base64 DER PKCS#1 (the form of {@code ticket.public-key}). */
    public String publicKeyBase64() {
        return CfxKeys.publicKeyToBase64(publicKey);
    }

    /** A ticket for {@code guid} (decimal u64 text) with {@code {"gn":gameName,"si":serverId}}, valid one hour. */
    public String issue(String guid, String gameName, String serverId) {
        return issue(guid, gameName, serverId, DEFAULT_VALIDITY, List.of());
    }

    /**
     * @param validity   negative for an already expired ticket (tests)
     * @param identifiers extra {@code tk} identifiers
     */
    public String issue(String guid, String gameName, String serverId, Duration validity, List<String> identifiers) {
        ObjectNode extra = JSON.createObjectNode();
        if (gameName != null) {
            extra.put("gn", gameName);
        }
        if (serverId != null) {
            extra.put("si", serverId);
        }
        if (!identifiers.isEmpty()) {
            extra.putPOJO("tk", identifiers);
        }
        return CfxTicketIssuer.with(privateKey)
                .guid(Long.parseUnsignedLong(guid))
                .expiry(clock.instant().plus(validity))
                .entitlementHash(entitlementHash(guid))
                .extraJson(extra.toString())
                .issueBase64();
    }

    /** A stable per-guid stand-in for the Cfx entitlement hash (it becomes {@code license:<hex>}). */
    public static byte[] entitlementHash(String guid) {
        try {
            return MessageDigest.getInstance("SHA-1")
                    .digest(("gatehouse-dev-license:" + guid).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized LocalCfxTicketIssuer start(String host, int port) {
        if (server == null) {
            server = HttpServer.create().host(host).port(port)
                    .route(routes -> routes
                            .get(PUBKEY_PATH, (req, res) -> res.header("Content-Type", "application/json")
                                    .sendString(Mono.just(pubkeyJson())))
                            .post(ISSUE_PATH, (req, res) -> req.receive().aggregate().asString()
                                    .defaultIfEmpty("")
                                    .flatMap(body -> {
                                        String answer = issueJson(body);
                                        return answer == null
                                                ? res.status(400).sendString(Mono.just("{\"error\":\"invalid_request\"}")).then()
                                                : res.header("Content-Type", "application/json")
                                                        .sendString(Mono.just(answer)).then();
                                    })))
                    .bindNow(Duration.ofSeconds(10));
            log.info("Local Cfx ticket issuer listening on {}", baseUrl());
        }
        return this;
    }

    private String pubkeyJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("key", publicKeyBase64());
        return o.toString();
    }

    private String issueJson(String body) {
        try {
            JsonNode req = JSON.readTree(body);
            String guid = req.path("guid").asText("");
            Long.parseUnsignedLong(guid);
            String ticket = issue(guid, req.path("gn").asText("gta5"),
                    req.hasNonNull("si") ? req.get("si").asText() : null);
            ObjectNode o = JSON.createObjectNode();
            o.put("ticket", ticket);
            return o.toString();
        } catch (Exception e) {
            return null;
        }
    }

    public String baseUrl() {
        InetSocketAddress a = (InetSocketAddress) server.address();
        return "http://" + a.getHostString() + ":" + a.getPort();
    }

    /** Where {@code gatehouse.fivem.ticket.public-key-url} should point. */
    public String publicKeyUrl() {
        return baseUrl() + PUBKEY_PATH;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.disposeNow(Duration.ofSeconds(5));
            server = null;
        }
    }
}
